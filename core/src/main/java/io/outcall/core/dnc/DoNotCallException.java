package io.outcall.core.dnc;

/** A call refused at intake because its number is on a do-not-call list: nothing was recorded or queued. */
public final class DoNotCallException extends RuntimeException {

    private final DncList list;
    private final String number;

    public DoNotCallException(DncList list, String number) {
        super("to " + list.refusal() + " (" + list.rule() + "); the call was not placed");
        this.list = list;
        this.number = number;
    }

    public DncList list() {
        return list;
    }

    public String number() {
        return number;
    }
}
