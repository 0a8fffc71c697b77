package io.outcall.core.dynamo;

import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallAlreadyExistsException;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CallStore;
import io.outcall.core.call.CancelResult;
import io.outcall.core.call.ClaimResult;
import io.outcall.core.call.ClaimedCall;
import io.outcall.core.call.Disposition;
import io.outcall.core.stats.CountedCall;
import io.outcall.core.sweep.SweepSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;

/**
 * The call records in {@code CallsTable}: every status step is a conditional write on the stored
 * status (forward only), and the sparse indexes the bridge and the sweeper query are set and
 * removed here. A final step goes through {@link FinalWrites}, with the statistics counters.
 */
public final class DynamoCallStore implements CallStore {

    /** Sparse index: only calls a bridge is dialing carry {@code liveOnBridge}. */
    public static final String BY_BRIDGE_INDEX = "byBridge";
    /** Sparse index: only live calls the tenant asked to stop carry {@code cancelOnBridge}. */
    public static final String BY_CANCEL_INDEX = "byCancel";
    /**
     * Sparse and sharded: only QUEUED calls carry {@code queuedShard} (a number below the shard
     * count, as a string) and {@code queuedSince} (epoch milliseconds: created, or last enqueued
     * again by the sweeper). Every write that moves a call out of QUEUED removes both, so the index
     * holds exactly the calls waiting for a bridge, spread over shards so no key of it runs hot.
     */
    public static final String BY_QUEUED_INDEX = "byQueued";
    static final String QUEUED_SHARD = "queuedShard";
    static final String QUEUED_SINCE = "queuedSince";
    /**
     * Sparse and sharded like {@link #BY_QUEUED_INDEX}: only SCHEDULED calls carry {@code dueShard}
     * (same shards, same call-id hash) and {@code dueAt} (their notBefore, epoch milliseconds). Every
     * write that moves a call out of SCHEDULED removes both; the scheduler asks each shard for the
     * calls due before a time.
     */
    public static final String BY_DUE_INDEX = "byDue";
    static final String DUE_SHARD = "dueShard";
    static final String DUE_AT = "dueAt";
    /**
     * What a final or claiming write removes: the call leaves the sparse indexes of waiting calls
     * (removing an attribute an item lacks is no error, so one list serves both).
     */
    static final String LEAVE_QUEUED_INDEX = " REMOVE " + QUEUED_SHARD + ", " + QUEUED_SINCE + ", " + DUE_SHARD + ", "
            + DUE_AT;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final FinalWrites finals;
    private final int queuedShards;

    /** A store whose new calls spread over {@link SweepSettings#DEFAULT_SHARDS} shards of the QUEUED index. */
    public DynamoCallStore(DynamoDbClient dynamoDb, String table, String statsTable) {
        this(dynamoDb, table, statsTable, SweepSettings.DEFAULT_SHARDS);
    }

    /**
     * @param statsTable   where final calls are counted, in the same transaction that makes them final
     * @param queuedShards how many shards of {@link #BY_QUEUED_INDEX} new calls spread over; the
     *                     sweeper must query as many (both read {@code QUEUED_INDEX_SHARDS})
     */
    public DynamoCallStore(DynamoDbClient dynamoDb, String table, String statsTable, int queuedShards) {
        if (queuedShards < 1) {
            throw new IllegalArgumentException("queuedShards must be at least 1, was " + queuedShards);
        }
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.finals = new FinalWrites(dynamoDb, statsTable);
        this.queuedShards = queuedShards;
    }

    @Override
    public void create(Call call) {
        Map<String, AttributeValue> item = newItem(call, queuedShards);
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(callId)"));
        } catch (ConditionalCheckFailedException e) {
            throw new CallAlreadyExistsException(call.callId(), e);
        }
    }

    /**
     * A new call's item: a QUEUED one enters its shard of the index of waiting calls, a SCHEDULED
     * one its shard of the index of calls due later (the same shard count serves both).
     */
    static Map<String, AttributeValue> newItem(Call call, int queuedShards) {
        Map<String, AttributeValue> item = CallItems.toItem(call);
        if (call.status() == CallStatus.QUEUED) {
            item.put(QUEUED_SHARD, s(Integer.toString(CallId.shard(call.callId(), queuedShards))));
            item.put(QUEUED_SINCE, n(call.createdAt().toEpochMilli()));
        } else if (call.status() == CallStatus.SCHEDULED) {
            if (call.notBefore() == null) {
                throw new IllegalArgumentException("call " + call.callId() + " is SCHEDULED without a notBefore");
            }
            item.put(DUE_SHARD, s(Integer.toString(CallId.shard(call.callId(), queuedShards))));
            item.put(DUE_AT, n(call.notBefore().toEpochMilli()));
        }
        return item;
    }

    @Override
    public Optional<Call> find(String callId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(Map.of("callId", s(callId)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(CallItems.fromItem(item));
    }

    @Override
    public boolean fail(Call call, String reason, Instant at) {
        return endUnheard(call.callId(), call.tenantId(), CallStatus.FAILED, Disposition.FAILED, reason,
                "#status = :expected", Map.of(":expected", s(call.status().name())), at);
    }

    /**
     * Ends a call whose end Asterisk never reported (never queued, never dialed, canceled while
     * queued): its final status and disposition, no cause, counted in the statistics once.
     *
     * @param reason    the failureReason, or null for none
     * @param condition what must still hold, over {@code #status} and {@code conditionValues}
     */
    private boolean endUnheard(String callId, String tenantId, CallStatus status, Disposition disposition, String reason,
                               String condition, Map<String, AttributeValue> conditionValues, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(conditionValues);
        values.put(":status", s(status.name()));
        values.put(":rank", n(status.rank()));
        values.put(":tenantStatus", s(CallItems.tenantStatus(tenantId, status)));
        values.put(":disposition", s(disposition.name()));
        values.put(":tenantDisposition", s(CallItems.tenantDisposition(tenantId, disposition)));
        values.put(":at", s(at.toString()));
        values.put(":one", n(1));
        String set = "SET #status = :status, statusRank = :rank, tenantStatus = :tenantStatus, disposition = :disposition,"
                + " tenantDisposition = :tenantDisposition, endedAt = :at, version = version + :one";
        if (reason != null) {
            set += ", failureReason = :reason";
            values.put(":reason", s(reason));
        }
        Update update = Update.builder().tableName(table).key(Map.of("callId", s(callId)))
                .conditionExpression(condition)
                .updateExpression(set + LEAVE_QUEUED_INDEX)
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)
                .build();
        return finals.write(update, callId, CountedCall.of(callId, tenantId, status, disposition, null, null, null, null, at));
    }

    @Override
    public ClaimResult claim(String callId, String tenantId, String bridgeId, String originateActionId, Instant at) {
        return claim(callId, tenantId, bridgeId, originateActionId, 1, at);
    }

    @Override
    public ClaimResult claim(String callId, String tenantId, String bridgeId, String originateActionId, int attempt,
                             Instant at) {
        try {
            UpdateItemResponse response = dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(callId)))
                    // The tenant check keeps a message that names the wrong tenant from dialing anything;
                    // the attempt's, a stale message of an earlier attempt from dialing a later one.
                    .conditionExpression("#status = :queued AND tenantId = :tenant AND " + onAttempt(attempt))
                    .updateExpression("SET #status = :dialing, statusRank = :rank, tenantStatus = :tenantStatus,"
                            + " bridgeId = :bridge, liveOnBridge = :bridge, originateActionId = :action,"
                            + " dialedAt = :at, version = version + :one" + LEAVE_QUEUED_INDEX)
                    .expressionAttributeNames(Map.of("#status", "status", "#attempt", RetryItems.ATTEMPT))
                    .expressionAttributeValues(Map.of(
                            ":queued", s(CallStatus.QUEUED.name()),
                            ":tenant", s(tenantId),
                            ":attempt", n(attempt),
                            ":dialing", s(CallStatus.DIALING.name()),
                            ":rank", n(CallStatus.DIALING.rank()),
                            ":tenantStatus", s(CallItems.tenantStatus(tenantId, CallStatus.DIALING)),
                            ":bridge", s(bridgeId),
                            ":action", s(originateActionId),
                            ":at", s(at.toString()),
                            ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new ClaimResult(ClaimResult.Outcome.CLAIMED, CallItems.fromItem(response.attributes()), bridgeId, null);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.item();
            if (old == null || old.isEmpty()) {
                return new ClaimResult(ClaimResult.Outcome.MISSING, null, null, null);
            }
            return new ClaimResult(ClaimResult.Outcome.NOT_QUEUED, CallItems.fromItem(old), Items.string(old, "bridgeId"),
                    Items.instant(old, "originatedAt"));
        }
    }

    @Override
    public void stillWaiting(String callId, Instant at) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(callId)))
                    .conditionExpression("#status = :queued AND attribute_exists(#since)")
                    .updateExpression("SET #since = :since REMOVE requeues")
                    .expressionAttributeNames(Map.of("#status", "status", "#since", QUEUED_SINCE))
                    .expressionAttributeValues(Map.of(":queued", s(CallStatus.QUEUED.name()),
                            ":since", n(at.toEpochMilli()))));
        } catch (ConditionalCheckFailedException movedOn) {
            // Claimed, canceled or failed meanwhile, or written before the sweeper's index: nothing to restart.
        }
    }

    @Override
    public void markOriginated(String callId, Instant at) {
        dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(callId)))
                .conditionExpression("attribute_exists(callId)")
                .updateExpression("SET originatedAt = :at")
                .expressionAttributeValues(Map.of(":at", s(at.toString()))));
    }

    @Override
    public boolean advance(CallProgress p) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        names.put("#status", "status");
        names.put("#attempt", RetryItems.ATTEMPT);
        values.put(":attempt", n(p.attempt()));
        String condition = "attribute_exists(callId) AND statusRank < :rank AND " + onAttempt(p.attempt());
        StringBuilder set = new StringBuilder("SET #status = :status, statusRank = :rank, tenantStatus = :tenantStatus,"
                + " version = version + :one");
        values.put(":status", s(p.status().name()));
        values.put(":rank", n(p.status().rank()));
        values.put(":tenantStatus", s(CallItems.tenantStatus(p.tenantId(), p.status())));
        values.put(":one", n(1));
        if (p.disposition() != null) {
            set.append(", disposition = :disposition, tenantDisposition = :tenantDisposition");
            values.put(":disposition", s(p.disposition().name()));
            values.put(":tenantDisposition", s(CallItems.tenantDisposition(p.tenantId(), p.disposition())));
        }
        if (p.hangupCause() != null) {
            set.append(", hangupCauseCode = :causeCode, hangupCauseText = :causeText");
            values.put(":causeCode", n(p.hangupCause().code()));
            values.put(":causeText", s(p.hangupCause().text() == null ? "" : p.hangupCause().text()));
        }
        appendIfPresent(set, values, "failureReason", p.failureReason());
        appendIfPresent(set, values, "ringingAt", p.ringingAt() == null ? null : p.ringingAt().toString());
        appendIfPresent(set, values, "answeredAt", p.answeredAt() == null ? null : p.answeredAt().toString());
        appendIfPresent(set, values, "endedAt", p.endedAt() == null ? null : p.endedAt().toString());
        appendIfPresent(set, values, "channel", p.channel());
        if (p.ringSeconds() != null) {
            set.append(", ringSeconds = :ringSeconds");
            values.put(":ringSeconds", n(p.ringSeconds()));
        }
        if (p.talkSeconds() != null) {
            set.append(", talkSeconds = :talkSeconds");
            values.put(":talkSeconds", n(p.talkSeconds()));
        }
        AmdWrites.append(set, values, p.tenantId(), p.amd());
        if (p.lastAttempt() != null && p.status().isFinal()) {
            set.append(", #attempts = list_append(if_not_exists(#attempts, :noAttempts), :lastAttempt)");
            names.put("#attempts", RetryItems.ATTEMPTS);
            values.put(":noAttempts", AttributeValue.fromL(List.of()));
            values.put(":lastAttempt", AttributeValue.fromL(List.of(RetryItems.attempt(p.lastAttempt()))));
        }
        if (!p.status().isFinal()) {
            try {
                dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(p.callId())))
                        .conditionExpression(condition)
                        .updateExpression(set.toString())
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }
        Update update = Update.builder().tableName(table).key(Map.of("callId", s(p.callId())))
                .conditionExpression(condition)
                .updateExpression(set + LEAVE_QUEUED_INDEX + ", liveOnBridge, cancelOnBridge")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
        // A bridge's final write ends a claimed call: its last attempt is counted with it.
        return finals.write(update, p.callId(), CountedCall.of(p.callId(), p.tenantId(), p.status(), p.disposition(), p.ringingAt(),
                p.ringSeconds(), p.answeredAt(), p.talkSeconds(),
                p.endedAt() != null ? p.endedAt() : Instant.now(), p.amd()), true);
    }

    @Override
    public boolean recordAmd(String callId, String tenantId, AmdOutcome amd) {
        StringBuilder set = new StringBuilder("SET version = version + :one");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", n(1));
        values.put(":final", n(CallStatus.COMPLETED.rank()));
        AmdWrites.append(set, values, tenantId, amd);
        try {
            // A final call carries the result its final write gave it; a late report leaves it be.
            dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(callId)))
                    .conditionExpression("attribute_exists(callId) AND statusRank < :final")
                    .updateExpression(set.toString())
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public CancelResult cancel(String callId, String tenantId, Instant at) {
        // A QUEUED or SCHEDULED call ends here and now; the bridge's claim (conditional on QUEUED)
        // then skips it, and so does the scheduler's enqueue (conditional on SCHEDULED).
        // A live one is flagged for its bridge, which hangs it up. Both writes are conditional on
        // what was read; status only moves forward, so a failed one means the call moved on, and
        // reading again ends, at the latest, when it is final.
        while (true) {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                    .key(Map.of("callId", s(callId))).consistentRead(true)).item();
            if (item == null || item.isEmpty() || !tenantId.equals(Items.string(item, "tenantId"))) {
                return new CancelResult(CancelResult.Outcome.NOT_FOUND, null);
            }
            Call call = CallItems.fromItem(item);
            if (call.status().isFinal()) {
                return new CancelResult(CancelResult.Outcome.ALREADY_FINAL, call);
            }
            if (call.status() == CallStatus.QUEUED || call.status() == CallStatus.SCHEDULED) {
                if (endUnheard(callId, tenantId, CallStatus.CANCELED, Disposition.CANCELED, null,
                        "#status = :waiting AND tenantId = :tenant",
                        Map.of(":waiting", s(call.status().name()), ":tenant", s(tenantId)), at)) {
                    return new CancelResult(CancelResult.Outcome.CANCELED, call.canceledWhileQueued(at));
                }
                continue;
            }
            String bridgeId = Items.string(item, "bridgeId");
            if (bridgeId == null) {
                throw new IllegalStateException("call " + callId + " is " + call.status() + " but no bridge claimed it");
            }
            try {
                UpdateItemResponse flagged = dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(callId)))
                        .conditionExpression("statusRank < :final AND bridgeId = :bridge")
                        .updateExpression("SET cancelRequestedAt = if_not_exists(cancelRequestedAt, :at),"
                                + " cancelOnBridge = :bridge, version = version + :one")
                        .expressionAttributeValues(Map.of(
                                ":final", n(CallStatus.COMPLETED.rank()),
                                ":bridge", s(bridgeId),
                                ":at", s(at.toString()),
                                ":one", n(1)))
                        .returnValues(ReturnValue.ALL_NEW));
                return new CancelResult(CancelResult.Outcome.REQUESTED, CallItems.fromItem(flagged.attributes()));
            } catch (ConditionalCheckFailedException e) {
                // It became final meanwhile: read it again.
            }
        }
    }

    @Override
    public List<String> cancelRequests(String bridgeId) {
        return idsInIndex(BY_CANCEL_INDEX, "cancelOnBridge", bridgeId);
    }

    /** Every call id under one key of a keys-only index, all pages. */
    private List<String> idsInIndex(String index, String keyAttribute, String key) {
        List<String> callIds = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(index)
                    .keyConditionExpression("#key = :key")
                    .expressionAttributeNames(Map.of("#key", keyAttribute))
                    .expressionAttributeValues(Map.of(":key", s(key)))
                    .exclusiveStartKey(exclusiveStart));
            page.items().forEach(item -> callIds.add(Items.string(item, "callId")));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return callIds;
    }

    @Override
    public List<ClaimedCall> liveOnBridge(String bridgeId) {
        // The index holds keys only (it would otherwise copy every update of every live call);
        // the calls themselves are then read, consistently, a hundred at a time.
        List<String> callIds = idsInIndex(BY_BRIDGE_INDEX, "liveOnBridge", bridgeId);
        List<ClaimedCall> calls = new ArrayList<>();
        for (Map<String, AttributeValue> item : CallBatchReads.read(dynamoDb, table, callIds, true)) {
            // Read after the index: a call that ended meanwhile is no longer live.
            if (bridgeId.equals(Items.string(item, "liveOnBridge"))) {
                calls.add(new ClaimedCall(CallItems.fromItem(item), Items.string(item, "bridgeId"),
                        Items.instant(item, "originatedAt")));
            }
        }
        return calls;
    }

    /**
     * The condition that the call is on {@code attempt}, over {@code #attempt} and {@code :attempt}:
     * a call written before attempts were kept has none and is on its first.
     */
    static String onAttempt(int attempt) {
        return attempt <= 1 ? "(attribute_not_exists(#attempt) OR #attempt = :attempt)" : "#attempt = :attempt";
    }

    private static void appendIfPresent(StringBuilder set, Map<String, AttributeValue> values, String name, String value) {
        if (value != null) {
            set.append(", ").append(name).append(" = :").append(name);
            values.put(":" + name, s(value));
        }
    }
}
