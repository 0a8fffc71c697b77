package io.outcall.core.window;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What becomes of a call requested while its callee's window is closed: the {@code outsideWindow} setting. */
public enum OutsideWindow {
    /** Refused with a 422 that says when the window opens; nothing is recorded. */
    REFUSE("refuse"),
    /** Recorded SCHEDULED ({@code scheduledReason: callingWindow}) for the window's next opening. */
    SCHEDULE("schedule");

    private final String json;

    OutsideWindow(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<OutsideWindow> ofJson(String name) {
        return Arrays.stream(values()).filter(m -> m.json.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(OutsideWindow::json).toList();
    }
}
