package io.outcall.core.webhooks;

/** Where one event's delivery to one endpoint stands. */
public enum DeliveryState {
    /** Attempts are going on. */
    PENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Retried for 24 hours without a 2xx: given up. */
    FAILED,
    /** Not sent: a later status of the same call was delivered first, and a receiver never sees a status go back. */
    SUPERSEDED,
    /** Not sent: the endpoint was deleted or turned off. */
    CANCELED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
