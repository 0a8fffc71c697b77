package io.outcall.core.dynamo;

import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallId;
import io.outcall.core.testing.SharedLocalServices;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Call timelines on DynamoDB Local: events written together share a write-once item; old items still read. */
@ExtendWith(SharedLocalServices.class)
class DynamoCallEventStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00.120Z");

    private static LocalServices aws;
    private static DynamoCallEventStore store;
    private final CallId callIds = CallId.systemGenerator();

    @BeforeAll
    static void start(LocalServices shared) {
        aws = shared;
        store = new DynamoCallEventStore(aws.dynamoDb(), "CallEventsTable");
    }

    @Test
    void aCallsEventsWrittenTogetherAreOneItemAndReadBackInOrder() {
        String callId = callIds.next();
        String other = callIds.next();
        List<CallEvent> first = events(callId, 1, 12);
        List<CallEvent> second = events(callId, 13, 20);
        List<CallEvent> handedOver = new ArrayList<>(first);
        handedOver.addAll(events(other, 1, 3));
        store.append(handedOver);
        store.append(second);

        List<CallEvent> expected = new ArrayList<>(first);
        expected.addAll(second);
        assertEquals(expected, store.timeline(callId));
        assertEquals(events(other, 1, 3), store.timeline(other));
        assertEquals(2, items(callId).size(), "one item per append of the call's events");
        assertEquals(20, store.lastSeq(callId));
    }

    @Test
    void aCallWithAnExpiryHasItsItemsExpireThenAndOthersAreKept() {
        String kept = callIds.next();
        String expiring = callIds.next();
        Instant expiry = T0.plus(java.time.Duration.ofDays(30));
        List<CallEvent> both = new ArrayList<>(events(expiring, 1, 3));
        both.addAll(events(kept, 1, 2));

        store.append(both, callId -> callId.equals(expiring) ? expiry : null);

        assertEquals(String.valueOf(expiry.getEpochSecond()), items(expiring).getFirst().get("expiresAt").n());
        assertEquals(null, items(kept).getFirst().get("expiresAt"), "a tenant without retention keeps its timelines");
        assertEquals(events(expiring, 1, 3), store.timeline(expiring), "read as before");
    }

    @Test
    void writingTheSameEventsAgainChangesNothing() {
        String callId = callIds.next();
        store.append(events(callId, 1, 9));
        store.append(events(callId, 1, 9));
        assertEquals(events(callId, 1, 9), store.timeline(callId));
        assertEquals(1, items(callId).size());
    }

    @Test
    void itemsWrittenOneEventEachBeforeTheChangeReadOnBeforeTheNewOnes() {
        String callId = callIds.next();
        for (CallEvent old : events(callId, 1, 4)) {
            aws.dynamoDb().putItem(b -> b.tableName("CallEventsTable").item(oneEventItem(old)));
        }
        assertEquals(4, store.lastSeq(callId), "an adopting bridge goes on after the old items");
        store.append(events(callId, 5, 11));
        assertEquals(events(callId, 1, 11), store.timeline(callId));
        assertEquals(11, store.lastSeq(callId));
    }

    @Test
    void aRunTooLargeForOneItemIsCutAndGapsStartAnItem() {
        String callId = callIds.next();
        String large = "x".repeat(1_000);
        List<CallEvent> events = new ArrayList<>();
        for (long seq = 1; seq <= 80; seq++) {
            events.add(new CallEvent(callId, seq, "UserEvent:Large", T0.plusMillis(seq), "Local/x;1",
                    Map.of("payload", large)));
        }
        // An adopted call's timeline may go on after a gap (events lost with the process that followed it).
        events.add(new CallEvent(callId, 90, "Hangup", T0.plusSeconds(9), "Local/x;1", Map.of("Cause", "16")));
        store.append(events);

        assertEquals(events, store.timeline(callId));
        List<Map<String, AttributeValue>> items = items(callId);
        assertTrue(items.size() >= 4, "80 KB of events in items of at most 32 KB, and the event after the gap alone: "
                + items.size());
        for (Map<String, AttributeValue> item : items) {
            assertTrue(ItemSize.of(item) <= TimelineItems.MAX_BYTES + 200, "item of " + ItemSize.of(item) + " bytes");
        }
        assertEquals(90, store.lastSeq(callId));
    }

    @Test
    void anItemHoldsAtMostFiftyEvents() {
        String callId = callIds.next();
        store.append(events(callId, 1, 120));
        assertEquals(events(callId, 1, 120), store.timeline(callId));
        assertEquals(3, items(callId).size());
    }

    private static List<Map<String, AttributeValue>> items(String callId) {
        return aws.dynamoDb().query(b -> b.tableName("CallEventsTable").keyConditionExpression("callId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(callId))).consistentRead(true)).items();
    }

    private static List<CallEvent> events(String callId, long fromSeq, long toSeq) {
        return LongStream.rangeClosed(fromSeq, toSeq).mapToObj(seq -> new CallEvent(callId, seq,
                seq % 2 == 0 ? "Newstate" : "UserEvent:IvrStarted", T0.plusMillis(seq * 37),
                seq % 3 == 0 ? null : "Local/+14045550123@outbound-0000002a;" + (seq % 2 + 1),
                seq % 5 == 0 ? Map.of() : Map.of("ChannelStateDesc", "Up", "callid", callId))).toList();
    }

    /** The layout items had before events were written together: one event each, beside the key. */
    private static Map<String, AttributeValue> oneEventItem(CallEvent event) {
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        item.put("callId", AttributeValue.fromS(event.callId()));
        item.put("seq", AttributeValue.fromN(Long.toString(event.seq())));
        item.put("name", AttributeValue.fromS(event.name()));
        item.put("receivedAt", AttributeValue.fromS(event.receivedAt().toString()));
        if (event.channel() != null) {
            item.put("channel", AttributeValue.fromS(event.channel()));
        }
        if (!event.fields().isEmpty()) {
            Map<String, AttributeValue> fields = new java.util.HashMap<>();
            event.fields().forEach((k, v) -> fields.put(k, AttributeValue.fromS(v)));
            item.put("fields", AttributeValue.fromM(fields));
        }
        return item;
    }
}
