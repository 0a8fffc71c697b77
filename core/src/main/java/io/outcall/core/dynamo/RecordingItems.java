package io.outcall.core.dynamo;

import io.outcall.core.recording.Recording;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;

/**
 * A call item's recording attributes: {@code record} (true only on a recorded call, so a call
 * without recording keeps the item it always had) and {@code recording}, one map
 * {@code {durationSeconds, bytes, storedAt}} written once the upload was verified.
 */
final class RecordingItems {

    static final String RECORD = "record";
    static final String RECORDING = "recording";

    private RecordingItems() {
    }

    static void put(Map<String, AttributeValue> item, boolean record, Recording recording) {
        if (record) {
            item.put(RECORD, AttributeValue.fromBool(true));
        }
        if (recording != null) {
            item.put(RECORDING, value(recording));
        }
    }

    static AttributeValue value(Recording recording) {
        return AttributeValue.fromM(Map.of("durationSeconds", n(recording.durationSeconds()),
                "bytes", n(recording.bytes()), "storedAt", s(recording.storedAt().toString())));
    }

    static boolean record(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(RECORD);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    static Recording recording(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(RECORDING);
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new Recording(Integer.parseInt(m.get("durationSeconds").n()), Long.parseLong(m.get("bytes").n()),
                Instant.parse(m.get("storedAt").s()));
    }
}
