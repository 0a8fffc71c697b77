package io.outcall.core.window;

/**
 * A call refused because its callee's calling window is closed (or never opens): the request may
 * be sent again once the window opens, which the message says.
 */
public final class OutsideCallingWindowException extends RuntimeException {

    /** The request field the refusal is about. */
    public static final String FIELD = "to";

    private final Opening opening;

    public OutsideCallingWindowException(Opening opening) {
        super(message(opening));
        this.opening = opening;
    }

    private static String message(Opening opening) {
        String opens = "is outside this tenant's calling window, which opens " + opening.describe();
        return opening.at() == null ? opens
                : opens + "; send the call then, or set callingWindow.outsideWindow to schedule to have it scheduled";
    }

    public Opening opening() {
        return opening;
    }
}
