package io.outcall.localaws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/** Stream records as the JSON event Lambda hands a DynamoDB stream consumer ({@code {"Records": [...]}}). */
public final class StreamEventJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private StreamEventJson() {
    }

    public static String lambdaEvent(Iterable<Record> records, String streamArn) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            out.writeStartObject();
            out.writeArrayFieldStart("Records");
            for (Record record : records) {
                out.writeStartObject();
                out.writeStringField("eventID", record.eventID());
                out.writeStringField("eventName", record.eventNameAsString());
                out.writeStringField("eventVersion", "1.1");
                out.writeStringField("eventSource", "aws:dynamodb");
                out.writeStringField("awsRegion", LocalAws.REGION.id());
                out.writeObjectFieldStart("dynamodb");
                var change = record.dynamodb();
                if (change.approximateCreationDateTime() != null) {
                    out.writeFieldName("ApproximateCreationDateTime");
                    out.writeNumber(BigDecimal.valueOf(change.approximateCreationDateTime().toEpochMilli(), 3));
                }
                image(out, "Keys", change.keys());
                image(out, "NewImage", change.hasNewImage() ? change.newImage() : null);
                image(out, "OldImage", change.hasOldImage() ? change.oldImage() : null);
                out.writeStringField("SequenceNumber", change.sequenceNumber());
                if (change.sizeBytes() != null) {
                    out.writeNumberField("SizeBytes", change.sizeBytes());
                }
                out.writeStringField("StreamViewType", change.streamViewTypeAsString());
                out.writeEndObject();
                out.writeStringField("eventSourceARN", streamArn);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a stream event", e);
        }
        return text.toString();
    }

    private static void image(JsonGenerator out, String name, Map<String, AttributeValue> image) throws IOException {
        if (image == null || image.isEmpty()) {
            return;
        }
        out.writeObjectFieldStart(name);
        for (Map.Entry<String, AttributeValue> attribute : image.entrySet()) {
            out.writeFieldName(attribute.getKey());
            value(out, attribute.getValue());
        }
        out.writeEndObject();
    }

    private static void value(JsonGenerator out, AttributeValue value) throws IOException {
        out.writeStartObject();
        switch (value.type()) {
            case S -> out.writeStringField("S", value.s());
            case N -> out.writeStringField("N", value.n());
            case BOOL -> out.writeBooleanField("BOOL", value.bool());
            case NUL -> out.writeBooleanField("NULL", true);
            case SS -> strings(out, "SS", value.ss());
            case NS -> strings(out, "NS", value.ns());
            case M -> {
                out.writeObjectFieldStart("M");
                for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                    out.writeFieldName(entry.getKey());
                    value(out, entry.getValue());
                }
                out.writeEndObject();
            }
            case L -> {
                out.writeArrayFieldStart("L");
                for (AttributeValue item : value.l()) {
                    value(out, item);
                }
                out.writeEndArray();
            }
            case B -> out.writeBinaryField("B", value.b().asByteArray());
            default -> throw new IllegalArgumentException("attribute type " + value.type() + " is not written by outcall");
        }
        out.writeEndObject();
    }

    private static void strings(JsonGenerator out, String name, Iterable<String> values) throws IOException {
        out.writeArrayFieldStart(name);
        for (String v : values) {
            out.writeString(v);
        }
        out.writeEndArray();
    }
}
