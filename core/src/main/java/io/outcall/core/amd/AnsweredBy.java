package io.outcall.core.amd;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Who answered a call, as app_amd's {@code AMDSTATUS} says it. */
public enum AnsweredBy {
    HUMAN("human", "HUMAN"),
    MACHINE("machine", "MACHINE"),
    NOT_SURE("notSure", "NOTSURE"),
    /** The far end hung up while AMD was still listening. */
    HANGUP("hangup", "HANGUP");

    private final String json;
    private final String amdStatus;

    AnsweredBy(String json, String amdStatus) {
        this.json = json;
        this.amdStatus = amdStatus;
    }

    public String json() {
        return json;
    }

    /** Empty for a status app_amd does not document; the raw value is kept beside it. */
    public static Optional<AnsweredBy> ofAmdStatus(String status) {
        return Arrays.stream(values()).filter(a -> a.amdStatus.equals(status)).findFirst();
    }

    public static Optional<AnsweredBy> ofJson(String name) {
        return Arrays.stream(values()).filter(a -> a.json.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(AnsweredBy::json).toList();
    }
}
