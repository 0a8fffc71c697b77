package io.outcall.core.events;

/** A webhook request that is not proven to come from the platform: refuse it. */
public final class WebhookVerificationException extends RuntimeException {

    public WebhookVerificationException(String message) {
        super(message);
    }
}
