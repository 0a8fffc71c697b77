package io.outcall.bridge.ami;

import org.asteriskjava.manager.event.UserEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A UserEvent of any name, with every header it carried. AMI header names are case-insensitive
 * and asterisk-java's reader lower-cases them, so {@link #headers()} keys are lower case.
 */
public final class AnyUserEvent extends UserEvent {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> headers;

    public AnyUserEvent(Object source, Map<String, Object> attributes) {
        super(source);
        Map<String, String> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(k, v instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(v)));
        this.headers = Map.copyOf(copy);
    }

    /** The name the dialplan gave, e.g. "IvrStarted". */
    public String name() {
        return headers.getOrDefault("userevent", "");
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    public String uniqueId() {
        return headers.get("uniqueid");
    }

    public String linkedId() {
        return headers.get("linkedid");
    }

    @Override
    public String getChannel() {
        return headers.get("channel");
    }
}
