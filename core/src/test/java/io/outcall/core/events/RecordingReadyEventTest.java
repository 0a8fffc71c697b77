package io.outcall.core.events;

import io.outcall.core.call.Call;
import io.outcall.core.recording.Recording;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code call.recording_ready} comes from the stream record where the recording appears, once. */
class RecordingReadyEventTest {

    private static final Instant STORED = Instant.parse("2026-12-01T10:00:05Z");
    private static final Call ENDED = Call.queued("01JNC5Q0VKAB3DEF4GHJ5KMN6P", "acme", "+14045550199", "+14045550100",
            "did-main", null, null, "outbound", Map.of(), 30, Instant.parse("2026-12-01T10:00:00Z"), null, null)
            .withRecord(true);

    @Test
    void theWriteThatStoresTheRecordingGivesTheEvent() {
        Call stored = ENDED.withRecording(new Recording(4, 70_444, STORED));

        List<CallStatusEvent> events = CallChanges.between(ENDED, stored, Instant.parse("2026-12-01T10:00:06Z"));

        assertEquals(1, events.size());
        CallStatusEvent event = events.get(0);
        assertEquals("call.recording_ready", event.type());
        assertEquals("01JNC5Q0VKAB3DEF4GHJ5KMN6P.RECORDING_READY", event.id());
        assertEquals(STORED, event.occurredAt());
        assertFalse(event.isStatusChange(), "a fact beside the status order, as AMD's events");
    }

    @Test
    void aLaterWriteOrADeleteGivesNone() {
        Call stored = ENDED.withRecording(new Recording(4, 70_444, STORED));
        assertEquals(List.of(), CallChanges.between(stored, stored, STORED));
        assertEquals(List.of(), CallChanges.between(stored, ENDED, STORED));
    }
}
