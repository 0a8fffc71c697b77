package io.outcall.core.call;

import java.util.Arrays;

/** Why a call waits SCHEDULED rather than being dialed now; the JSON name is what the API shows. */
public enum ScheduledReason {
    /** The request named a {@code notBefore} in the future. */
    REQUESTED("requested"),
    /** The callee's calling window was closed; {@code notBefore} is its next opening. */
    CALLING_WINDOW("callingWindow"),
    /** An attempt ended retryably; {@code notBefore} is when the next attempt may dial. */
    RETRY("retry");

    private final String json;

    ScheduledReason(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    /** @throws IllegalArgumentException naming the known reasons when {@code name} is none of them */
    public static ScheduledReason fromJson(String name) {
        return Arrays.stream(values()).filter(r -> r.json.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scheduledReason '" + name + "'; known are "
                        + Arrays.stream(values()).map(ScheduledReason::json).toList()));
    }
}
