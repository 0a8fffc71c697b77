package io.outcall.pbxsim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An Originate action, validated and parsed. {@link #parse} returns either a request or the error Asterisk answers
 * with (trace 11): no Channel header, or a channel without a technology.
 */
record OriginateRequest(
        String actionId,
        String dialString,      // the Channel header as given, echoed by a failed OriginateResponse
        String technology,
        String number,          // Local: the extension before '@'
        String localContext,    // Local: the context after '@'
        String context,
        String exten,
        int priority,
        CallerId callerId,
        long timeoutMillis,
        boolean async,
        String channelId,
        String otherChannelId,
        List<Variable> variables) {

    record Variable(String name, String value) {
    }

    /** Either a request or an error message for a {@code Response: Error}. */
    record Parsed(OriginateRequest request, String error) {
    }

    OriginateRequest {
        variables = List.copyOf(variables);
    }

    static Parsed parse(AmiAction action) {
        String channel = action.get("Channel");
        if (channel == null || channel.isBlank()) {
            return new Parsed(null, "Channel not specified");
        }
        int slash = channel.indexOf('/');
        if (slash <= 0) {
            return new Parsed(null, "Invalid channel");
        }
        String tech = channel.substring(0, slash);
        String resource = channel.substring(slash + 1);
        String number = resource;
        String localContext = "default";
        if (tech.equalsIgnoreCase("Local")) {
            int options = resource.indexOf('/');
            String target = options >= 0 ? resource.substring(0, options) : resource;
            int at = target.indexOf('@');
            number = at >= 0 ? target.substring(0, at) : target;
            localContext = at >= 0 ? target.substring(at + 1) : "default";
        }
        List<Variable> variables = new ArrayList<>();
        for (String header : action.getAll("Variable")) {
            // Asterisk splits one Variable header on commas too (astman_get_variables)
            for (String pair : header.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    variables.add(new Variable(pair.substring(0, eq).strip(), pair.substring(eq + 1)));
                }
            }
        }
        return new Parsed(new OriginateRequest(
                action.actionId(),
                channel,
                tech,
                number,
                localContext,
                orDefault(action.get("Context"), "default"),
                orDefault(action.get("Exten"), "s"),
                parseInt(action.get("Priority"), 1),
                CallerId.parse(action.get("CallerID")),
                parseLong(action.get("Timeout"), 30_000L),
                isTrue(action.get("Async")),
                blankToNull(action.get("ChannelId")),
                blankToNull(action.get("OtherChannelId")),
                variables), null);
    }

    boolean isLocal() {
        return technology.equalsIgnoreCase("Local");
    }

    String variable(String name) {
        for (int i = variables.size() - 1; i >= 0; i--) {
            if (variables.get(i).name().equals(name)) {
                return variables.get(i).value();
            }
        }
        return "";
    }

    /** The dial string Asterisk reports in DialBegin for a Local channel: without the {@code Local/} prefix. */
    String localDialString() {
        return number + "@" + localContext;
    }

    private static boolean isTrue(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("yes") || v.equals("1") || v.equals("on") || v.equals("y");
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long parseLong(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
