package io.outcall.bridge;

import io.outcall.core.call.Call;
import io.outcall.core.dynamo.CallItems;
import io.outcall.core.events.CallChanges;
import io.outcall.core.events.CallStatusEvent;
import io.outcall.localaws.DynamoStreamTail;
import io.outcall.localaws.LocalAws;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The calls table's stream as DynamoDB Local recorded the bridge's writes, turned into the events
 * the publisher sends to webhooks and EventBridge ({@link CallChanges}, record by record, as the
 * stream Lambda does): which events each call's writes give, in order,
 * each with the call as its webhook body shows it. One reader owns it.
 */
final class CallStreamEvents {

    private final DynamoStreamTail tail;
    private final List<Record> seen = new ArrayList<>();

    CallStreamEvents(BridgeHarness harness) {
        this.tail = new DynamoStreamTail(harness.local.dynamoDb(),
                LocalAws.dynamoDbStreams(harness.local.dynamoDbServer().endpoint()), "CallsTable", false);
    }

    /** The events the call's writes so far give, in stream order; read after the call is final. */
    synchronized List<CallStatusEvent> events(String callId) {
        seen.addAll(tail.poll());
        List<CallStatusEvent> events = new ArrayList<>();
        for (Record record : seen) {
            Call before = call(record.dynamodb().oldImage());
            Call after = call(record.dynamodb().newImage());
            if (after != null && after.callId().equals(callId)) {
                Instant at = record.dynamodb().approximateCreationDateTime();
                events.addAll(CallChanges.between(before, after, at == null ? Instant.EPOCH : at));
            }
        }
        return events;
    }

    private static Call call(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty() ? null : CallItems.fromItem(image);
    }
}
