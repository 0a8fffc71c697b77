package io.outcall.core.call;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a call's timeline: an AMI event that matters to a reader, in the order the bridge
 * received it. Stored with the events written beside it in a write-once item, never one growing
 * list (an update is billed by the whole item and items stop at 400 KB).
 *
 * @param seq    1, 2, 3... per call, in arrival order
 * @param name   the AMI event name, e.g. "Newstate", or "UserEvent:IvrStarted"
 * @param fields the event's headers that carry meaning (state, cause, dial status, custom headers)
 */
public record CallEvent(String callId, long seq, String name, Instant receivedAt, String channel,
                        Map<String, String> fields) {

    public CallEvent {
        fields = Map.copyOf(fields);
    }
}
