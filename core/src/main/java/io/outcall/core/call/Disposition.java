package io.outcall.core.call;

/** A final call's outcome in Asterisk's CDR terms: the exact answer beside the simple status. */
public enum Disposition {
    ANSWERED,
    NO_ANSWER,
    BUSY,
    CONGESTION,
    FAILED,
    CANCELED
}
