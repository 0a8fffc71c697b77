package io.outcall.core.prompt;

/** An upload that cannot become a prompt: the reason, and a detail that says what exactly. */
public final class PromptRejectedException extends Exception {

    private final Rejection rejection;

    public PromptRejectedException(Rejection rejection, String detail) {
        super(detail);
        this.rejection = rejection;
    }

    public PromptRejectedException(Rejection rejection, String detail, Throwable cause) {
        super(detail, cause);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
