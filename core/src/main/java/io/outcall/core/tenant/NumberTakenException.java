package io.outcall.core.tenant;

/** The number is another tenant's caller-ID already (or this tenant's, under another id). */
public final class NumberTakenException extends RuntimeException {
    public NumberTakenException(String number, Throwable cause) {
        super(number + " is already registered as a caller-ID number on this platform; a number can belong"
                + " to one tenant only. If it is yours under another id, reactivate that one (PATCH)", cause);
    }
}
