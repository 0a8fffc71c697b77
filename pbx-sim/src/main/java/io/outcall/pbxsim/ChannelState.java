package io.outcall.pbxsim;

/** The {@code ChannelState}/{@code ChannelStateDesc} pairs that occur in the traces (AST_STATE_* values). */
enum ChannelState {
    DOWN(0, "Down"),
    RING(4, "Ring"),
    RINGING(5, "Ringing"),
    UP(6, "Up"),
    BUSY(7, "Busy");

    final int code;
    final String description;

    ChannelState(int code, String description) {
        this.code = code;
        this.description = description;
    }
}
