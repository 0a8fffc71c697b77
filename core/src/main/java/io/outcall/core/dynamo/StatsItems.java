package io.outcall.core.dynamo;

import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.amd.AnsweredBy;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.stats.AmdCounts;
import io.outcall.core.stats.AttemptCounts;
import io.outcall.core.stats.CountedCall;
import io.outcall.core.stats.StatsBucket;
import io.outcall.core.stats.StatsInterval;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;

/**
 * A statistics bucket's DynamoDB items: key (tenantId, bucket), then one number per counter:
 * {@code calls}, {@code s_<STATUS>}, {@code d_<DISPOSITION>}, {@code ringCalls},
 * {@code ringSeconds}, {@code r<seconds>} (the ring histogram), {@code talkCalls}, {@code talkSeconds}, and for
 * answering-machine detection {@code a_<answeredBy>}, {@code voicemailsLeft}, {@code amdTimedCalls}, {@code amdMillis}.
 * Counters only ever grow by ADD, which DynamoDB applies atomically.
 *
 * <p>Each bucket is split over {@link #SHARDS} items so one busy tenant's final writes do not all
 * queue on one item (at most 1,000 write units a second, and transactions on it conflict): shard 0
 * is keyed {@code H#2026-11-24T07} as buckets always were, shard n {@code H#2026-11-24T07#n}. A
 * bucket's shards sort together, so a range of buckets with all their shards is still one key-range
 * query, and its figures are the sum of the items found. Readers do not need to know the count:
 * raising it later only spreads new calls wider.
 */
public final class StatsItems {

    /** Counter items per bucket; see the README's ceiling per tenant before changing it. */
    public static final int SHARDS = 8;
    /** Dials counted: every attempt of a retried call, the last one with the call's final write. */
    static final String ATTEMPTS = "attempts";
    /** Prefix of the per-outcome attempt counters, {@code t_BUSY}. */
    static final String ATTEMPT_PREFIX = "t_";

    private StatsItems() {
    }

    /** The counter shard a call counts in: from its id, so a retried final write hits the same items. */
    public static int shardOf(String callId) {
        return CallId.shard(callId, SHARDS);
    }

    /** The sort key of one shard of a bucket. */
    public static String bucketKey(StatsInterval interval, Instant at, int shard) {
        return shard == 0 ? interval.bucketKey(at) : interval.bucketKey(at) + "#" + shard;
    }

    /** The greatest sort key any shard of the bucket of {@code at} can have: bounds a key-range query. */
    static String lastKeyOfBucket(StatsInterval interval, Instant at) {
        // '~' sorts after every digit, so after "#<any shard number>".
        return interval.bucketKey(at) + "#~";
    }

    /**
     * An attempt that ended and is retried: counted among the attempts ({@code attempts}, and
     * {@code t_<DISPOSITION>} by its outcome), not among the calls, in the bucket of the call's creation.
     */
    public static Update incrementAttempt(String table, StatsInterval interval, String tenantId, Instant callCreatedAt,
                                          io.outcall.core.call.Disposition disposition, int shard) {
        return Update.builder()
                .tableName(table)
                .key(Map.of("tenantId", s(tenantId), "bucket", s(bucketKey(interval, callCreatedAt, shard))))
                .updateExpression("ADD " + ATTEMPTS + " :one, #attemptOutcome :one")
                .expressionAttributeNames(Map.of("#attemptOutcome", ATTEMPT_PREFIX + disposition.name()))
                .expressionAttributeValues(Map.of(":one", n(1)))
                .build();
    }

    /** The increments one final call applies to its bucket of {@code interval}, in counter shard {@code shard}. */
    public static Update increment(String table, StatsInterval interval, CountedCall call, int shard) {
        return increment(table, interval, call, shard, false);
    }

    /**
     * @param dialed the call's last attempt was dialed, and counts among the attempts too ({@code attempts}
     *               and {@code t_<DISPOSITION>}); a call canceled or failed before any dial counts no attempt
     */
    public static Update increment(String table, StatsInterval interval, CountedCall call, int shard, boolean dialed) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", n(1));
        StringBuilder add = new StringBuilder("ADD #calls :one");
        if (dialed) {
            add.append(", ").append(ATTEMPTS).append(" :one");
            if (call.disposition() != null) {
                add.append(", #attemptOutcome :one");
                names.put("#attemptOutcome", ATTEMPT_PREFIX + call.disposition().name());
            }
        }
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
        AmdOutcome amd = call.amd();
        if (amd != null) {
            if (amd.answeredBy() != null) {
                add.append(", #answeredBy :one");
                names.put("#answeredBy", "a_" + amd.answeredBy().json());
            }
            if (amd.voicemailLeft()) {
                add.append(", voicemailsLeft :one");
            }
            if (amd.millis() != null) {
                add.append(", amdTimedCalls :one, amdMillis :amdMillis");
                values.put(":amdMillis", n(amd.millis()));
            }
        }
        return Update.builder()
                .tableName(table)
                .key(Map.of("tenantId", s(call.tenantId()), "bucket", s(bucketKey(interval, call.createdAt(), shard))))
                .updateExpression(add.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    /**
     * A whole bucket (or the calls of one shard of it) as one item, in the layout {@link #increment}
     * builds up: for loading counters computed elsewhere (a backfill, a benchmark's seed), never for
     * live traffic.
     */
    public static Map<String, AttributeValue> toItem(String tenantId, StatsInterval interval, StatsBucket bucket,
                                                     int shard) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("tenantId", s(tenantId));
        item.put("bucket", s(bucketKey(interval, bucket.start(), shard)));
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
        AmdCounts amd = bucket.amd();
        amd.byAnsweredBy().forEach((answeredBy, count) -> item.put("a_" + answeredBy.json(), n(count)));
        if (bucket.attempts().any()) {
            item.put(ATTEMPTS, n(bucket.attempts().total()));
            bucket.attempts().byDisposition().forEach((d, count) -> item.put(ATTEMPT_PREFIX + d.name(), n(count)));
        }
        if (amd.any()) {
            item.put("voicemailsLeft", n(amd.voicemailsLeft()));
            item.put("amdTimedCalls", n(amd.timedCalls()));
            item.put("amdMillis", n(amd.millisTotal()));
        }
        return item;
    }

    /** One item's counters, as a bucket starting where its bucket starts (whatever its shard). */
    public static StatsBucket fromItem(StatsInterval interval, Map<String, AttributeValue> item) {
        EnumMap<CallStatus, Long> statuses = new EnumMap<>(CallStatus.class);
        EnumMap<Disposition, Long> dispositions = new EnumMap<>(Disposition.class);
        TreeMap<Integer, Long> histogram = new TreeMap<>();
        EnumMap<AnsweredBy, Long> answeredBy = new EnumMap<>(AnsweredBy.class);
        EnumMap<Disposition, Long> attemptOutcomes = new EnumMap<>(Disposition.class);
        item.forEach((name, value) -> {
            if (name.startsWith("s_")) {
                statuses.put(CallStatus.valueOf(name.substring(2)), Long.parseLong(value.n()));
            } else if (name.startsWith("d_")) {
                dispositions.put(Disposition.valueOf(name.substring(2)), Long.parseLong(value.n()));
            } else if (name.startsWith(ATTEMPT_PREFIX)) {
                attemptOutcomes.put(Disposition.valueOf(name.substring(ATTEMPT_PREFIX.length())), Long.parseLong(value.n()));
            } else if (name.startsWith("a_")) {
                AnsweredBy.ofJson(name.substring(2)).ifPresent(a -> answeredBy.put(a, Long.parseLong(value.n())));
            } else if (name.length() > 1 && name.charAt(0) == 'r' && Character.isDigit(name.charAt(1))) {
                histogram.put(Integer.parseInt(name.substring(1)), Long.parseLong(value.n()));
            }
        });
        String key = Items.string(item, "bucket");
        // "H#2026-11-24T07#3": the bucket's own key ends at the shard's '#', after the prefix's.
        int shardMark = key.indexOf('#', 2);
        String bucketKey = shardMark < 0 ? key : key.substring(0, shardMark);
        return new StatsBucket(interval.startOf(bucketKey), Items.number(item, "calls", 0),
                statuses, dispositions, Items.number(item, "ringCalls", 0), Items.number(item, "ringSeconds", 0),
                histogram, Items.number(item, "talkCalls", 0), Items.number(item, "talkSeconds", 0),
                new AmdCounts(answeredBy, Items.number(item, "voicemailsLeft", 0), Items.number(item, "amdTimedCalls", 0),
                        Items.number(item, "amdMillis", 0)),
                new AttemptCounts(Items.number(item, ATTEMPTS, 0), attemptOutcomes));
    }
}
