package io.outcall.core.events;

import com.fasterxml.jackson.core.JsonGenerator;
import io.outcall.core.call.Call;
import io.outcall.core.recording.Recording;

import java.io.IOException;

/**
 * The recording fields of a call as every reader sees them: nothing for a call not recorded; for a
 * recorded one {@code record: true}, and {@code recording} once it is stored (fetch the audio with
 * {@code GET /calls/{callId}/recording}).
 */
public final class RecordingJson {

    private RecordingJson() {
    }

    public static void write(JsonGenerator out, Call call) throws IOException {
        if (!call.record()) {
            return;
        }
        out.writeBooleanField("record", true);
        Recording recording = call.recording();
        if (recording != null) {
            out.writeObjectFieldStart("recording");
            out.writeNumberField("durationSeconds", recording.durationSeconds());
            out.writeNumberField("bytes", recording.bytes());
            out.writeStringField("storedAt", recording.storedAt().toString());
            out.writeEndObject();
        }
    }
}
