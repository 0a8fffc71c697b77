package io.outcall.bench.soak;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallEventStore;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CallStore;
import io.outcall.core.dynamo.DynamoCallEventStore;
import io.outcall.core.dynamo.DynamoCallStatsStore;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.stats.CallStatsStore;
import io.outcall.core.stats.StatsBucket;
import io.outcall.core.stats.StatsInterval;
import io.outcall.pbxsim.OriginateLedger;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the soak proves once everything drained; each failed check is printed with its calls. */
final class SoakChecks {

    private final CallStore calls;
    private final CallEventStore events;
    private final CallStatsStore stats;
    private final OriginateLedger ledger;
    private final PrintStream out;

    SoakChecks(SoakStack stack, PrintStream out) {
        this.calls = new DynamoCallStore(stack.aws.dynamoDb(), SoakStack.CALLS_TABLE, SoakStack.CALL_STATS_TABLE);
        this.events = new DynamoCallEventStore(stack.aws.dynamoDb(), SoakStack.CALL_EVENTS_TABLE);
        this.stats = new DynamoCallStatsStore(stack.aws.dynamoDb(), SoakStack.CALL_STATS_TABLE);
        this.ledger = stack.simulator.originateLedger();
        this.out = out;
    }

    CallStore calls() {
        return calls;
    }

    /**
     * @param lostButDialed calls that ended BRIDGE_LOST_AT_ORIGINATE although the simulator
     *                      accepted their Originate: not dialed twice, but the reason misleads
     */
    record Verdict(int doubleDials, int statsMismatch, int timelineFaults, int lostButDialed,
                   Map<CallStatus, Long> byStatus) {
    }

    Verdict check(List<String> callIds, Instant soakStart) {
        int doubleDials = 0;
        for (Map.Entry<String, Integer> entry : ledger.snapshot().entrySet()) {
            if (entry.getValue() > 1) {
                doubleDials++;
                out.printf("DOUBLE DIAL: call %s got %d accepted Originates%n", entry.getKey(), entry.getValue());
            }
        }
        Map<CallStatus, Long> byStatus = new EnumMap<>(CallStatus.class);
        int timelineFaults = 0;
        int lostButDialed = 0;
        for (String callId : callIds) {
            Optional<Call> found = calls.find(callId);
            if (found.isEmpty() || !found.get().status().isFinal()) {
                continue; // counted as stuck by the drain
            }
            Call call = found.get();
            byStatus.merge(call.status(), 1L, Long::sum);
            if (!timelineInOrder(callId)) {
                timelineFaults++;
            }
            String reason = call.failureReason() == null ? "" : call.failureReason();
            if (reason.startsWith("BRIDGE_LOST_AT_ORIGINATE") && ledger.acceptedFor(callId) > 0) {
                lostButDialed++;
                out.printf("note: call %s ended BRIDGE_LOST_AT_ORIGINATE but the PBX accepted its Originate%n", callId);
            }
        }
        int mismatch = statsMismatch(StatsInterval.HOUR, byStatus, soakStart)
                + statsMismatch(StatsInterval.DAY, byStatus, soakStart);
        return new Verdict(doubleDials, mismatch, timelineFaults, lostButDialed, byStatus);
    }

    /** Sequences strictly increasing, and no AMI event stored twice (under two sequences). */
    private boolean timelineInOrder(String callId) {
        List<CallEvent> timeline = events.timeline(callId);
        Set<List<Object>> seen = new HashSet<>();
        long previous = 0;
        for (CallEvent event : timeline) {
            if (event.seq() <= previous) {
                out.printf("TIMELINE: call %s has seq %d after %d%n", callId, event.seq(), previous);
                return false;
            }
            previous = event.seq();
            if (!seen.add(List.of(event.name(), String.valueOf(event.channel()), event.fields()))) {
                out.printf("TIMELINE: call %s stores %s of %s twice (seq %d)%n", callId, event.name(), event.channel(),
                        event.seq());
                return false;
            }
        }
        return true;
    }

    /** |counted - recorded| over every status: each final call must be counted exactly once. */
    private int statsMismatch(StatsInterval interval, Map<CallStatus, Long> recorded, Instant soakStart) {
        Instant from = interval.floor(soakStart);
        Instant to = interval.ceiling(Instant.now().plus(1, ChronoUnit.SECONDS));
        Map<CallStatus, Long> counted = new EnumMap<>(CallStatus.class);
        for (StatsBucket bucket : stats.read(SoakStack.TENANT, interval, from, to).buckets()) {
            bucket.byStatus().forEach((status, n) -> counted.merge(status, n, Long::sum));
        }
        int mismatch = 0;
        List<String> differences = new ArrayList<>();
        for (CallStatus status : CallStatus.values()) {
            long difference = Math.abs(counted.getOrDefault(status, 0L) - recorded.getOrDefault(status, 0L));
            if (difference != 0) {
                differences.add(status + " counted " + counted.getOrDefault(status, 0L) + ", recorded "
                        + recorded.getOrDefault(status, 0L));
                mismatch += (int) difference;
            }
        }
        if (!differences.isEmpty()) {
            out.printf("STATS (%s counters): %s%n", interval.wireName(), String.join("; ", differences));
        }
        return mismatch;
    }
}
