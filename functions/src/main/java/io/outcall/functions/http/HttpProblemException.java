package io.outcall.functions.http;

/** Stops a request with a problem response; thrown by the request-reading helpers. */
public final class HttpProblemException extends RuntimeException {

    private final Problem problem;

    public HttpProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
