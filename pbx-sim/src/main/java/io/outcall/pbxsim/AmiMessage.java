package io.outcall.pbxsim;

import java.nio.charset.StandardCharsets;

/**
 * A fully rendered message (response or event) as Asterisk puts it on the wire: {@code Name: value} lines with
 * CRLF, then an empty line. Rendered once and shared by every session it is sent to.
 *
 * @param name  the event name or {@code Response:<value>}, kept for tests, reordering and logging
 * @param bytes the exact wire bytes
 */
public record AmiMessage(String name, byte[] bytes) {

    public static Builder event(String event) {
        return new Builder("Event", event, event);
    }

    public static Builder response(String response) {
        return new Builder("Response", response, "Response:" + response);
    }

    public boolean isEvent() {
        return !name.startsWith("Response:");
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Appends headers in call order; header order is part of what the traces pin down. */
    public static final class Builder {
        private final StringBuilder text = new StringBuilder(512);
        private final String name;

        private Builder(String firstHeader, String value, String name) {
            this.name = name;
            header(firstHeader, value);
        }

        public Builder header(String header, String value) {
            text.append(header).append(": ").append(value == null ? "" : value).append("\r\n");
            return this;
        }

        public Builder header(String header, int value) {
            text.append(header).append(": ").append(value).append("\r\n");
            return this;
        }

        /** Asterisk omits ActionID entirely when the action had none. */
        public Builder actionId(String actionId) {
            return actionId == null ? this : header("ActionID", actionId);
        }

        public AmiMessage build() {
            text.append("\r\n");
            return new AmiMessage(name, text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
