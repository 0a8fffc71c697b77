package io.outcall.core.amd;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a call does about answering machines: the {@code answeringMachineDetection} setting. */
public enum AmdMode {
    /** No detection: the dialplan runs as if AMD did not exist. */
    OFF("off"),
    /** Detect and record who answered; the dialplan goes on as for a person either way. */
    DETECT("detect"),
    /** Detect; a machine is hung up on at once. */
    HANGUP_ON_MACHINE("hangupOnMachine"),
    /** Detect; on a machine, wait for the greeting to end, play the message, hang up. */
    LEAVE_MESSAGE("leaveMessage");

    private final String json;

    AmdMode(String json) {
        this.json = json;
    }

    /** The name the API, the tenant item, the queue message and {@code OUTCALL_AMD} use. */
    public String json() {
        return json;
    }

    public static Optional<AmdMode> ofJson(String name) {
        return Arrays.stream(values()).filter(m -> m.json.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(AmdMode::json).toList();
    }
}
