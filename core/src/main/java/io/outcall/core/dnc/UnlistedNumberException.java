package io.outcall.core.dnc;

/** A GET or DELETE of a number that is not on the list named. */
public final class UnlistedNumberException extends RuntimeException {

    public UnlistedNumberException(DncList list, String number) {
        super(number + " is not on the " + list.rule());
    }
}
