package io.outcall.bridge.health;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The bridge's counters, gauges and histograms, exposed by the official Prometheus client for
 * {@code GET /metrics}: every metric has its HELP, labels are escaped by the client, and times are
 * in seconds. The hot paths keep counting into plain {@link LongAdder}s; the registry reads them
 * when scraped. Each registry is the bridge's own (never the JVM-wide default), so two bridges in
 * one JVM, as in tests, count apart.
 */
public final class BridgeMetrics {

    /** Call setup takes seconds: fine buckets up to a few seconds, coarse ones for calls that waited their turn. */
    private static final double[] ENQUEUE_TO_ORIGINATE_BOUNDS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};
    /** A timeline write normally lands within tens of milliseconds; seconds mean a backlog. */
    private static final double[] EVENT_TO_WRITE_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

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
    public final LongAdder windowReschedules = new LongAdder();
    public final LongAdder tenantDeferrals = new LongAdder();
    public final LongAdder doNotCall = new LongAdder();
    public final LongAdder optOuts = new LongAdder();
    public final LongAdder optOutsLost = new LongAdder();
    public final AtomicLong lastEventAtMillis = new AtomicLong();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();
    private final Counter outcomes;
    private final Histogram enqueueToOriginate;
    private final Histogram eventToWrite;
    private final Clock clock;

    public BridgeMetrics() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock latencies are measured against (the same wall clock the call's times use) */
    public BridgeMetrics(Clock clock) {
        this.clock = clock;
        counter("bridge_originates_total", "Originate actions Asterisk accepted", originates::sum);
        counter("bridge_originate_errors_total", "Originate actions Asterisk refused or that failed to send", originateErrors::sum);
        counter("bridge_duplicate_messages_total", "Queue messages for calls already claimed or finished", duplicateMessages::sum);
        counter("bridge_ami_events_total", "AMI events handed to the bridge", amiEvents::sum);
        counter("bridge_ami_events_dropped_total", "AMI events dropped because the bridge's queue was full", amiEventsDropped::sum);
        counter("bridge_asterisk_java_queue_full_total", "AMI messages asterisk-java dropped (its dispatch queue was full)",
                asteriskJavaQueueFull::sum);
        counter("bridge_call_events_persisted_total", "Call timeline events written", callEventsPersisted::sum);
        counter("bridge_persistence_errors_total", "Writes that failed and were retried or given up", persistenceErrors::sum);
        counter("bridge_persistence_given_up_total", "Writes that failed in a way retrying cannot fix (logged with the call)",
                persistenceGivenUp::sum);
        counter("bridge_status_writes_coalesced_total", "Status writes skipped because a later one of the same call was"
                + " waiting in the same batch", statusWritesCoalesced::sum);
        counter("bridge_reconnects_total", "AMI reconnections", reconnects::sum);
        counter("bridge_ami_unreachable_total", "Attempts to open the bridge's first AMI session that found no"
                + " Asterisk listening", amiUnreachable::sum);
        counter("bridge_ami_logins_refused_total", "AMI logins Asterisk refused (AMI_USER / AMI_PASSWORD, manager.conf)",
                amiLoginsRefused::sum);
        counter("bridge_cancel_hangups_total", "Hangup actions sent for calls their tenant canceled", cancelHangups::sum);
        counter("bridge_tenant_deferrals_total", "Queue messages put back because their tenant was at its limit",
                tenantDeferrals::sum);
        counter("bridge_do_not_call_total", "Queued calls not dialed because their number joined a do-not-call list",
                doNotCall::sum);
        counter("bridge_opt_outs_total", "Callees' opt-outs (UserEvent OutcallOptOut) added to their tenant's list",
                optOuts::sum);
        counter("bridge_opt_outs_lost_total", "Opt-outs that could not be written (logged with the call id: add by hand)",
                optOutsLost::sum);
        counter("bridge_calling_window_reschedules_total", "Queued calls moved back to SCHEDULED because their callee's"
                + " calling window had closed when their turn came", windowReschedules::sum);
        counter("bridge_canceled_before_dialing_total", "Queue messages dropped because their call was canceled while queued",
                canceledBeforeDialing::sum);
        outcomes = Counter.builder().name("bridge_call_outcomes_total").help("Calls that reached a final status")
                .labelNames("status").register(registry);
        enqueueToOriginate = Histogram.builder().name("bridge_enqueue_to_originate_seconds")
                .help("From a call's createdAt (intake accepted and queued it) to Asterisk accepting its Originate;"
                        + " a call waiting for its tenant's turn counts its wait")
                .classicOnly().classicUpperBounds(ENQUEUE_TO_ORIGINATE_BOUNDS).register(registry);
        eventToWrite = Histogram.builder().name("bridge_event_to_write_seconds")
                .help("From an AMI event's arrival at the bridge to its timeline item's DynamoDB write completing")
                .classicOnly().classicUpperBounds(EVENT_TO_WRITE_BOUNDS).register(registry);
    }

    public void outcome(String status) {
        outcomes.labelValues(status).inc();
    }

    /**
     * A value read when scraped, e.g. active calls or persistence lag, in base units (seconds,
     * bytes, ratios). Binding a name again replaces its value.
     */
    public void gauge(String name, String help, DoubleSupplier value) {
        if (gauges.put(name, value) == null) {
            GaugeWithCallback.builder().name(name).help(help)
                    .callback(callback -> callback.call(gauges.get(name).getAsDouble())).register(registry);
        }
    }

    /**
     * Asterisk accepted the Originate of a call created at {@code createdAt} (ISO-8601, as the
     * queue message carries it). A message without a readable time is not observed: a metric must
     * never stop a call's message from being deleted.
     */
    public void originateAccepted(String createdAt) {
        try {
            enqueueToOriginate.observe(secondsSince(Instant.parse(createdAt)));
        } catch (DateTimeParseException | NullPointerException unreadable) {
            // Nothing to measure from.
        }
    }

    /** The timeline item of an AMI event received at {@code receivedAt} is written. */
    public void eventWritten(Instant receivedAt) {
        if (receivedAt != null) {
            eventToWrite.observe(secondsSince(receivedAt));
        }
    }

    /** Never negative: createdAt comes from the Lambda's clock, and hosts' clocks differ by a little. */
    private double secondsSince(Instant then) {
        return Math.max(0, Duration.between(then, clock.instant()).toNanos() / 1e9);
    }

    public String contentType() {
        return writer.getContentType();
    }

    public void writeTo(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    /** The exposition as text, as {@link #writeTo} sends it. */
    public String prometheus() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array does not fail", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A counter read when scraped, from a count its owner keeps. */
    public void counter(String name, String help, LongSupplier value) {
        CounterWithCallback.builder().name(name).help(help).callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }
}
