package io.outcall.core.events;

import io.outcall.core.amd.AnsweredBy;

/**
 * The answering-machine events beside the status changes. They are facts about a call, not steps
 * of its status, so a later status never supersedes them (a webhook for the machine still goes out
 * after the call's end was delivered). Not sure and a hang-up during analysis have no event of
 * their own: the record and the final event carry them.
 */
public enum AmdEvent {
    HUMAN_DETECTED("call.human_detected"),
    MACHINE_DETECTED("call.machine_detected"),
    VOICEMAIL_LEFT("call.voicemail_left");

    private final String type;

    AmdEvent(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }

    /** The event of a detection result; null for one without an event. */
    static AmdEvent detected(AnsweredBy answeredBy) {
        if (answeredBy == null) {
            return null;
        }
        return switch (answeredBy) {
            case HUMAN -> HUMAN_DETECTED;
            case MACHINE -> MACHINE_DETECTED;
            default -> null;
        };
    }
}
