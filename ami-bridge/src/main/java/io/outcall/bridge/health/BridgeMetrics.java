package io.outcall.bridge.health;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** The bridge's counters and gauges, written as Prometheus text for {@code GET /metrics}. */
public final class BridgeMetrics {

    public final LongAdder originates = new LongAdder();
    public final LongAdder originateErrors = new LongAdder();
    public final LongAdder duplicateMessages = new LongAdder();
    public final LongAdder amiEvents = new LongAdder();
    public final LongAdder amiEventsDropped = new LongAdder();
    /** Dropped by asterisk-java itself, before the bridge saw them: its dispatch queue was full. */
    public final LongAdder asteriskJavaQueueFull = new LongAdder();
    public final LongAdder callEventsPersisted = new LongAdder();
    public final LongAdder persistenceErrors = new LongAdder();
    public final LongAdder statusWritesCoalesced = new LongAdder();
    public final LongAdder persistenceGivenUp = new LongAdder();
    public final LongAdder reconnects = new LongAdder();
    public final LongAdder amiUnreachable = new LongAdder();
    public final LongAdder amiLoginsRefused = new LongAdder();
    public final LongAdder cancelHangups = new LongAdder();
    public final LongAdder canceledBeforeDialing = new LongAdder();
    public final LongAdder tenantDeferrals = new LongAdder();
    public final AtomicLong lastEventAtMillis = new AtomicLong();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    public void outcome(String status) {
        outcomes.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** A value read when scraped, e.g. active calls or persistence lag. */
    public void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    public String prometheus() {
        StringBuilder out = new StringBuilder(1024);
        counter(out, "bridge_originates_total", "Originate actions Asterisk accepted", originates.sum());
        counter(out, "bridge_originate_errors_total", "Originate actions Asterisk refused or that failed to send", originateErrors.sum());
        counter(out, "bridge_duplicate_messages_total", "Queue messages for calls already claimed or finished", duplicateMessages.sum());
        counter(out, "bridge_ami_events_total", "AMI events handed to the bridge", amiEvents.sum());
        counter(out, "bridge_ami_events_dropped_total", "AMI events dropped because the bridge's queue was full", amiEventsDropped.sum());
        counter(out, "bridge_asterisk_java_queue_full_total", "AMI messages asterisk-java dropped (its dispatch queue was full)",
                asteriskJavaQueueFull.sum());
        counter(out, "bridge_call_events_persisted_total", "Call timeline events written", callEventsPersisted.sum());
        counter(out, "bridge_persistence_errors_total", "Writes that failed and were retried or given up", persistenceErrors.sum());
        counter(out, "bridge_persistence_given_up_total", "Writes that failed in a way retrying cannot fix (logged with"
                + " the call)", persistenceGivenUp.sum());
        counter(out, "bridge_status_writes_coalesced_total", "Status writes skipped because a later one of the same call was"
                + " waiting in the same batch", statusWritesCoalesced.sum());
        counter(out, "bridge_reconnects_total", "AMI reconnections", reconnects.sum());
        counter(out, "bridge_ami_unreachable_total", "Attempts to open the bridge's first AMI session that found no"
                + " Asterisk listening", amiUnreachable.sum());
        counter(out, "bridge_ami_logins_refused_total", "AMI logins Asterisk refused (AMI_USER / AMI_PASSWORD, manager.conf)",
                amiLoginsRefused.sum());
        counter(out, "bridge_cancel_hangups_total", "Hangup actions sent for calls their tenant canceled", cancelHangups.sum());
        counter(out, "bridge_tenant_deferrals_total", "Queue messages put back because their tenant was at its limit",
                tenantDeferrals.sum());
        counter(out, "bridge_canceled_before_dialing_total", "Queue messages dropped because their call was canceled while queued",
                canceledBeforeDialing.sum());
        out.append("# HELP bridge_call_outcomes_total Calls that reached a final status\n# TYPE bridge_call_outcomes_total counter\n");
        outcomes.forEach((status, n) -> out.append("bridge_call_outcomes_total{status=\"").append(status).append("\"} ")
                .append(n.sum()).append('\n'));
        gauges.forEach((name, value) -> out.append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ')
                .append(value.getAsLong()).append('\n'));
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }
}
