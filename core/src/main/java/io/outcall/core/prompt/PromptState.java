package io.outcall.core.prompt;

/** Where a prompt is: its upload awaited or being converted, playable, or refused with a reason. */
public enum PromptState {
    UPLOADING("uploading"), READY("ready"), REJECTED("rejected");

    private final String wire;

    PromptState(String wire) {
        this.wire = wire;
    }

    /** As the API and the table write it. */
    public String wire() {
        return wire;
    }

    public static PromptState ofWire(String value) {
        for (PromptState state : values()) {
            if (state.wire.equals(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("no prompt state " + value);
    }
}
