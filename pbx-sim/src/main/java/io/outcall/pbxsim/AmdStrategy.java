package io.outcall.pbxsim;

/**
 * {@code OUTCALL_AMD}: what the dialplan does with AMD's result. Only the three exact names turn AMD on; absent,
 * {@code off} or anything else leaves the call exactly as without AMD (the platform validates the value).
 */
enum AmdStrategy {
    OFF(""),
    /** Report the result only; every result continues into the IVR. */
    DETECT("detect"),
    /** MACHINE: hang up at once. */
    HANGUP_ON_MACHINE("hangupOnMachine"),
    /** MACHINE: wait for the greeting's end, play {@code OUTCALL_VM_PROMPT}, report VoicemailLeft, hang up. */
    LEAVE_MESSAGE("leaveMessage");

    static final String VARIABLE = "OUTCALL_AMD";

    final String wireName;

    AmdStrategy(String wireName) {
        this.wireName = wireName;
    }

    static AmdStrategy parse(String value) {
        for (AmdStrategy s : values()) {
            if (s != OFF && s.wireName.equals(value)) {
                return s;
            }
        }
        return OFF;
    }
}
