package io.outcall.core.phone;

/** A number that cannot be dialled; the message completes "the number ...". */
public final class InvalidPhoneNumberException extends IllegalArgumentException {
    public InvalidPhoneNumberException(String problem) {
        super(problem);
    }
}
