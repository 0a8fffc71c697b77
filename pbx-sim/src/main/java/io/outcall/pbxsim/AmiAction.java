package io.outcall.pbxsim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One action as a client sent it: headers in wire order. Asterisk matches header names case-insensitively and
 * lets some repeat ({@code Variable:}), so both lookups are offered.
 */
public record AmiAction(List<Header> headers) {

    public record Header(String name, String value) {
    }

    public AmiAction {
        headers = List.copyOf(headers);
    }

    /** Value of the first header with that name, or null. */
    public String get(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    public String name() {
        String action = get("Action");
        return action == null ? "" : action.trim();
    }

    public String actionId() {
        return get("ActionID");
    }

    public boolean is(String actionName) {
        return name().toLowerCase(Locale.ROOT).equals(actionName.toLowerCase(Locale.ROOT));
    }
}
