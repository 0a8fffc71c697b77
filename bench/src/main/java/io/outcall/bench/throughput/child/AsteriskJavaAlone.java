package io.outcall.bench.throughput.child;

import io.outcall.bench.common.Machine;
import io.outcall.bridge.logging.BridgeLogging;
import io.outcall.bridge.originate.OriginateActions;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.queue.OriginateMessage;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The ingest floor of bench/bridge-throughput: asterisk-java alone, as shipped (its own connection,
 * reader and dispatcher, none of the bridge's), with a listener that only counts, in a JVM started
 * like the bridge's. It sends the Originates the bridge would send for the same calls (the bridge's
 * own {@link OriginateActions}), so the simulator answers with the same stream of events, and it
 * reads that stream as fast as asterisk-java can. Driven over stdin like {@link BridgeThroughputChild}:
 *
 * <pre>
 *   run LABEL COUNT PER_SECOND TIMEOUT_S   (COUNT calls at PER_SECOND; wait for their events)
 *   stop
 * </pre>
 */
public final class AsteriskJavaAlone {

    private static final long SAMPLE_MILLIS = 100;

    private final ManagerConnection connection;
    private final CountingListener events = new CountingListener();
    private final OriginateActions originates = new OriginateActions("Local/{number}@outbound");
    private final CallId ids = CallId.systemGenerator();
    private final AtomicLong numbers = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Latencies latencies = new Latencies();
    private final HeapWatch heap = new HeapWatch();
    private final ThreadCpu threadCpu = new ThreadCpu().start();

    private AsteriskJavaAlone(int amiPort) {
        this.connection = new ManagerConnectionFactory("127.0.0.1", amiPort, "admin", "admin_password")
                .createManagerConnection();
        connection.addEventListener(events);
    }

    public static void main(String[] args) throws Exception {
        int port = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--ami-port")) {
                port = Integer.parseInt(args[i + 1]);
            }
        }
        if (port < 0) {
            throw new IllegalArgumentException("--ami-port PORT is required: the simulator (or the relay in front of it)");
        }
        AsteriskJavaAlone alone = new AsteriskJavaAlone(port);
        alone.heap.start();
        alone.connection.login("on");
        BridgeThroughputChild.say("@ready mode=asterisk-java-alone " + BridgeThroughputChild.jvmDescription());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.trim().split("\\s+");
            switch (w[0]) {
                case "run" -> BridgeThroughputChild.say(alone.run(w[1], Long.parseLong(w[2]), Double.parseDouble(w[3]),
                        Long.parseLong(w[4])).toString());
                case "stop" -> {
                    BridgeThroughputChild.say("@stopped ami_events_total=" + alone.events.events.sum()
                            + " asterisk_java_queue_full=" + BridgeLogging.asteriskJavaQueueFull());
                    System.exit(0);
                }
                default -> BridgeThroughputChild.say("@error unknown command " + line);
            }
        }
        System.exit(0);
    }

    /** Sends {@code count} Originates at {@code perSecond} on its own thread and samples until their events are in. */
    private ResultLine run(String label, long count, double perSecond, long timeoutSeconds) throws InterruptedException {
        long reconnects0 = events.reconnects.sum();
        long queueFull0 = BridgeLogging.asteriskJavaQueueFull();
        long responses0 = events.originateResponses.sum();
        long hangups0 = events.hangups.sum();
        heap.resetRunPeak();
        Map<Long, Long> cpu0 = threadCpu.snapshot();
        List<Sample> samples = new ArrayList<>();
        Sample first = sample(responses0);
        samples.add(first);
        Thread sender = Thread.ofPlatform().name("originate-sender").start(() -> send(label, count, perSecond));
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        Sample last = first;
        long lastProgressNanos = first.nanos();
        boolean stalled = false;
        // Done when every call's OriginateResponse and both its Hangups (the Local pair's halves) are in.
        while ((last.done() < count || events.hangups.sum() - hangups0 < 2 * count) && System.nanoTime() < deadline) {
            Thread.sleep(SAMPLE_MILLIS);
            Sample previous = last;
            last = sample(responses0);
            samples.add(last);
            if (last.amiEvents() != previous.amiEvents() || last.originates() != previous.originates()) {
                lastProgressNanos = last.nanos();
            } else if (last.nanos() - lastProgressNanos > 10_000_000_000L) {
                stalled = true;
                break;
            }
        }
        sender.join();
        SustainedWindow window = SustainedWindow.of(samples, first, last);
        double[] lat = latencies.percentiles(label);
        long calls = last.done();
        long failed = events.failedResponses.sum();
        return new ResultLine(label)
                .put("complete", Boolean.toString(calls >= count && events.hangups.sum() - hangups0 >= 2 * count))
                .put("stalled", Boolean.toString(stalled))
                .put("stuck", stalled ? count - calls : 0)
                .put("calls", calls)
                .put("originates", last.originates() - first.originates())
                .put("window_s", window.seconds())
                .put("window_start_epoch_ms", window.startEpochMillis())
                .put("window_end_epoch_ms", window.endEpochMillis())
                .put("originates_per_s", window.rate(Sample::originates))
                .put("ami_events_per_s", window.rate(Sample::amiEvents))
                .put("latency_p50_ms", lat[0])
                .put("latency_p99_ms", lat[1])
                .put("latency_max_ms", lat[2])
                .put("cpu_cores_used", window.rate(Sample::cpuNanos) / 1e9)
                .put("threads", threadCpu.top(cpu0, (last.nanos() - first.nanos()) / 1e9, 6))
                .put("peak_heap_mb", ResultLine.mb(heap.runPeak.get()))
                .put("ami_events_dropped", 0)
                .put("asterisk_java_queue_full", BridgeLogging.asteriskJavaQueueFull() - queueFull0)
                .put("reconnects", events.reconnects.sum() - reconnects0)
                .put("originate_errors", refused.get())
                .put("statuses", failed == 0 ? "{COMPLETED=" + calls + "}"
                        : "{COMPLETED=" + (calls - failed) + ",FAILED=" + failed + "}");
    }

    /**
     * The Originates, each at its scheduled time; latency runs from that time to asterisk-java's
     * response. The actions are built before the first is sent, so the sender only sends: the
     * floor measures asterisk-java, not this loop.
     */
    private void send(String tenant, long count, double perSecond) {
        List<OriginateAction> actions = new ArrayList<>((int) count);
        List<String> callIds = new ArrayList<>((int) count);
        Instant planned = Instant.now();
        for (long i = 0; i < count; i++) {
            Call call = BenchCalls.queued(ids, tenant, BenchCalls.number(numbers.incrementAndGet(), '6'), "FastHangup", planned);
            actions.add(originates.build(OriginateMessage.of(call)));
            callIds.add(call.callId());
        }
        long startNanos = System.nanoTime();
        Instant startedAt = Instant.now();
        for (int i = 0; i < count; i++) {
            long dueNanos = (long) (i / perSecond * 1e9);
            long wait = startNanos + dueNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String callId = callIds.get(i);
            latencies.claimed(callId, tenant, startedAt.plusNanos(dueNanos));
            try {
                connection.sendAction(actions.get(i), response -> {
                    if (response instanceof ManagerError) {
                        refused.incrementAndGet();
                    } else {
                        accepted.incrementAndGet();
                        latencies.originated(callId, Instant.now());
                    }
                });
            } catch (IOException | IllegalStateException e) {
                // Not connected: the step counts it as an originate error and is not clean.
                refused.incrementAndGet();
            }
        }
    }

    private Sample sample(long responses0) {
        return new Sample(System.nanoTime(), System.currentTimeMillis(), accepted.get(), events.events.sum(), 0, 0,
                events.originateResponses.sum() - responses0, 0, 0, heap.usedNow(), Machine.processCpuNanos());
    }
}
