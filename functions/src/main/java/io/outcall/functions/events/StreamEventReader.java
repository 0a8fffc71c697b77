package io.outcall.functions.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.call.Call;
import io.outcall.core.dynamo.CallItems;
import io.outcall.core.json.Json;
import io.outcall.core.publish.StreamChange;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the event Lambda hands a DynamoDB stream consumer ({@code {"Records": [...]}}) into the
 * calls before and after each write. Read with the streaming parser rather than the runtime's
 * event classes: the images are DynamoDB JSON, which the call item reader takes as it is.
 */
final class StreamEventReader {

    private final Json json;

    StreamEventReader(Json json) {
        this.json = json;
    }

    List<StreamChange> read(InputStream event) throws IOException {
        JsonNode root = json.read(event);
        List<StreamChange> changes = new ArrayList<>();
        for (JsonNode record : root.path("Records")) {
            JsonNode change = record.path("dynamodb");
            JsonNode created = change.get("ApproximateCreationDateTime");
            Instant recordedAt = created == null ? Instant.EPOCH : Instant.ofEpochMilli(
                    new BigDecimal(created.asText()).movePointRight(3).longValue());
            changes.add(new StreamChange(change.path("SequenceNumber").asText(), call(change.get("OldImage")),
                    call(change.get("NewImage")), recordedAt));
        }
        return changes;
    }

    private static Call call(JsonNode image) {
        return image == null || image.isEmpty() ? null : CallItems.fromItem(item(image));
    }

    private static Map<String, AttributeValue> item(JsonNode image) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        image.fields().forEachRemaining(e -> item.put(e.getKey(), value(e.getValue())));
        return item;
    }

    private static AttributeValue value(JsonNode node) {
        var entry = node.fields().next();
        JsonNode v = entry.getValue();
        return switch (entry.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "M" -> AttributeValue.fromM(item(v));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(e -> list.add(value(e)));
                yield AttributeValue.fromL(list);
            }
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            default -> throw new IllegalArgumentException("unknown DynamoDB attribute type " + entry.getKey());
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
