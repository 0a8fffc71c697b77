package io.outcall.core.dynamo;

import io.outcall.core.call.CallEvent;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;

/**
 * How a call's timeline is laid out in CallEventsTable. Events written together go into one item,
 * written once and never updated: key call id + the seq of its first event, {@code lastSeq} the seq
 * of its last, {@code events} the events in order (seqs consecutive, so only the first is stored).
 * DynamoDB bills a write by the item's size rounded up to the next KB, and a lone event is a few
 * hundred bytes: an item per event paid a whole unit for each. Items sort by their first seq and
 * never overlap, so reading them in key order reads the events in order.
 *
 * <p>Items written before (one event each: {@code name}, {@code receivedAt}, {@code channel},
 * {@code fields} beside the key) are read as they are.
 */
final class TimelineItems {

    /** At most this many events in an item. */
    static final int MAX_EVENTS = 50;
    /** And at most this size: far below DynamoDB's 400 KB, so a burst of large UserEvents still fits. */
    static final int MAX_BYTES = 32 * 1024;

    /** The table's TTL attribute (epoch seconds): set on the items of calls whose tenant keeps timelines for a while. */
    static final String EXPIRES_AT = "expiresAt";
    private static final String EVENTS = "events";
    private static final String LAST_SEQ = "lastSeq";

    private TimelineItems() {
    }

    /**
     * The items for {@code events}: runs of one call's consecutive seqs, cut at {@link #MAX_EVENTS}
     * and {@link #MAX_BYTES}. The same events always give the same items, so writing them again
     * (a retry) puts back exactly what was there.
     */
    static List<Map<String, AttributeValue>> pack(List<CallEvent> events) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<CallEvent> run = new ArrayList<>();
        int runBytes = 0;
        for (CallEvent event : events) {
            AttributeValue encoded = encode(event);
            int bytes = ItemSize.of(encoded) + 1;
            if (!run.isEmpty() && (!continues(run.getLast(), event) || run.size() == MAX_EVENTS
                    || runBytes + bytes > MAX_BYTES)) {
                items.add(item(run));
                run.clear();
                runBytes = 0;
            }
            run.add(event);
            runBytes += bytes;
        }
        if (!run.isEmpty()) {
            items.add(item(run));
        }
        return items;
    }

    /** The events an item holds, in order, whichever way it was written. */
    static List<CallEvent> unpack(Map<String, AttributeValue> item) {
        String callId = item.get("callId").s();
        long seq = Long.parseLong(item.get("seq").n());
        AttributeValue events = item.get(EVENTS);
        if (events == null) {
            return List.of(decode(callId, seq, item));
        }
        List<CallEvent> unpacked = new ArrayList<>(events.l().size());
        for (AttributeValue event : events.l()) {
            unpacked.add(decode(callId, seq++, event.m()));
        }
        return unpacked;
    }

    /** The seq of an item's last event, from its key and {@code lastSeq} (absent on one-event items). */
    static long lastSeq(Map<String, AttributeValue> item) {
        return Items.number(item, LAST_SEQ, Long.parseLong(item.get("seq").n()));
    }

    /** The attributes {@link #lastSeq} needs. */
    static String lastSeqProjection() {
        return "seq, " + LAST_SEQ;
    }

    private static boolean continues(CallEvent previous, CallEvent next) {
        return previous.callId().equals(next.callId()) && next.seq() == previous.seq() + 1;
    }

    private static Map<String, AttributeValue> item(List<CallEvent> run) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("callId", s(run.getFirst().callId()));
        item.put("seq", n(run.getFirst().seq()));
        item.put(LAST_SEQ, n(run.getLast().seq()));
        item.put(EVENTS, AttributeValue.fromL(run.stream().map(TimelineItems::encode).toList()));
        return item;
    }

    /** The same attribute names as the one-event items had, so both read alike. */
    private static AttributeValue encode(CallEvent event) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put("name", s(event.name()));
        attributes.put("receivedAt", s(event.receivedAt().toString()));
        Items.putIfPresent(attributes, "channel", event.channel());
        if (!event.fields().isEmpty()) {
            Map<String, AttributeValue> fields = new LinkedHashMap<>();
            event.fields().forEach((k, v) -> fields.put(k, s(v)));
            attributes.put("fields", AttributeValue.fromM(fields));
        }
        return AttributeValue.fromM(attributes);
    }

    private static CallEvent decode(String callId, long seq, Map<String, AttributeValue> attributes) {
        Map<String, String> fields = new LinkedHashMap<>();
        AttributeValue map = attributes.get("fields");
        if (map != null) {
            map.m().forEach((k, v) -> fields.put(k, v.s()));
        }
        return new CallEvent(callId, seq, attributes.get("name").s(), Instant.parse(attributes.get("receivedAt").s()),
                Items.string(attributes, "channel"), fields);
    }
}
