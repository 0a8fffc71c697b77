package io.outcall.core.store;

import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.stats.CountedCall;
import io.outcall.core.stats.StatsBucket;
import io.outcall.core.stats.StatsInterval;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static io.outcall.core.store.Items.n;
import static io.outcall.core.store.Items.s;

/**
 * A statistics bucket's DynamoDB item: key (tenantId, bucket), then one number per counter:
 * {@code calls}, {@code s_<STATUS>}, {@code d_<DISPOSITION>}, {@code ringCalls},
 * {@code ringSeconds}, {@code r<seconds>} (the ring histogram), {@code talkCalls}, {@code talkSeconds}.
 * Counters only ever grow by ADD, which DynamoDB applies atomically.
 */
public final class StatsItems {

    private StatsItems() {
    }

    /** The increments one final call applies to its bucket of {@code interval}. */
    public static Update increment(String table, StatsInterval interval, CountedCall call) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", n(1));
        StringBuilder add = new StringBuilder("ADD #calls :one");
        names.put("#calls", "calls");
        add.append(", #status :one");
        names.put("#status", "s_" + call.status().name());
        if (call.disposition() != null) {
            add.append(", #disposition :one");
            names.put("#disposition", "d_" + call.disposition().name());
        }
        if (call.ringSeconds() != null) {
            add.append(", ringCalls :one, ringSeconds :ring, #bin :one");
            values.put(":ring", n(call.ringSeconds()));
            names.put("#bin", "r" + StatsBucket.ringBin(call.ringSeconds()));
        }
        if (call.talkSeconds() != null) {
            add.append(", talkCalls :one, talkSeconds :talk");
            values.put(":talk", n(call.talkSeconds()));
        }
        return Update.builder()
                .tableName(table)
                .key(Map.of("tenantId", s(call.tenantId()), "bucket", s(interval.bucketKey(call.createdAt()))))
                .updateExpression(add.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    /**
     * A whole bucket as one item, in the layout {@link #increment} builds up: for loading counters
     * computed elsewhere (a backfill, a benchmark's seed), never for live traffic.
     */
    public static Map<String, AttributeValue> toItem(String tenantId, StatsInterval interval, StatsBucket bucket) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("tenantId", s(tenantId));
        item.put("bucket", s(interval.bucketKey(bucket.start())));
        item.put("calls", n(bucket.calls()));
        bucket.byStatus().forEach((status, count) -> item.put("s_" + status.name(), n(count)));
        bucket.byDisposition().forEach((disposition, count) -> item.put("d_" + disposition.name(), n(count)));
        if (bucket.ringCalls() > 0) {
            item.put("ringCalls", n(bucket.ringCalls()));
            item.put("ringSeconds", n(bucket.ringSecondsTotal()));
        }
        bucket.ringHistogram().forEach((seconds, count) -> item.put("r" + seconds, n(count)));
        if (bucket.talkCalls() > 0) {
            item.put("talkCalls", n(bucket.talkCalls()));
            item.put("talkSeconds", n(bucket.talkSecondsTotal()));
        }
        return item;
    }

    public static StatsBucket fromItem(StatsInterval interval, Map<String, AttributeValue> item) {
        EnumMap<CallStatus, Long> statuses = new EnumMap<>(CallStatus.class);
        EnumMap<Disposition, Long> dispositions = new EnumMap<>(Disposition.class);
        TreeMap<Integer, Long> histogram = new TreeMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith("s_")) {
                statuses.put(CallStatus.valueOf(name.substring(2)), Long.parseLong(value.n()));
            } else if (name.startsWith("d_")) {
                dispositions.put(Disposition.valueOf(name.substring(2)), Long.parseLong(value.n()));
            } else if (name.length() > 1 && name.charAt(0) == 'r' && Character.isDigit(name.charAt(1))) {
                histogram.put(Integer.parseInt(name.substring(1)), Long.parseLong(value.n()));
            }
        });
        return new StatsBucket(interval.startOf(Items.string(item, "bucket")), Items.number(item, "calls", 0),
                statuses, dispositions, Items.number(item, "ringCalls", 0), Items.number(item, "ringSeconds", 0),
                histogram, Items.number(item, "talkCalls", 0), Items.number(item, "talkSeconds", 0));
    }
}
