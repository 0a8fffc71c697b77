package io.outcall.bench.batch;

/**
 * One way of taking the calls in, measured.
 *
 * @param requests DynamoDB and SQS requests the run sent, retries included
 */
record IntakeRun(String name, int calls, long nanos, RequestCounter.Reading requests) {

    double callsPerSecond() {
        return calls / (nanos / 1e9);
    }

    double requestsPerCall() {
        return requests.total() / (double) calls;
    }

    String line() {
        return "%-7s %,7d calls in %6.1f s: %,8.0f calls/s; per call %.3f DynamoDB + %.3f SQS = %.3f requests"
                .formatted(name, calls, nanos / 1e9, callsPerSecond(), requests.dynamoDb() / (double) calls,
                        requests.sqs() / (double) calls, requestsPerCall());
    }
}
