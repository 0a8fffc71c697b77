package io.outcall.bridge.calls;

import io.outcall.core.call.CallStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Finds the live calls of this bridge that their tenants canceled. Intake cannot reach the bridge,
 * so a cancel is a mark on the call in DynamoDB (the sparse index {@code byCancel}); this asks for
 * the bridge's marked calls every poll interval and hands each id on, to the tracker. A call stays
 * marked until its final write, so it is handed on at every poll until then: the receiver must
 * take repeats calmly.
 *
 * <p>It runs on the bridge's scheduler, never on an AMI or tracker thread: the query is network
 * I/O. A failed query is logged and simply asked again at the next poll.
 */
public final class CancelWatcher {

    private static final Logger log = LoggerFactory.getLogger(CancelWatcher.class);

    private final CallStore calls;
    private final String bridgeId;
    private final Consumer<String> onCancelRequested;
    private final ScheduledExecutorService scheduler;
    private final Duration pollInterval;
    private ScheduledFuture<?> polling;
    /** Failed polls since the last good one: only the first of a run is worth a warning. */
    private int failuresInARow;

    /**
     * @param onCancelRequested receives the id of each canceled call, at every poll while it is marked;
     *                          must return at once
     */
    public CancelWatcher(CallStore calls, String bridgeId, Consumer<String> onCancelRequested,
                         ScheduledExecutorService scheduler, Duration pollInterval) {
        this.calls = calls;
        this.bridgeId = bridgeId;
        this.onCancelRequested = onCancelRequested;
        this.scheduler = scheduler;
        this.pollInterval = pollInterval;
    }

    public synchronized void start() {
        if (polling == null) {
            long millis = pollInterval.toMillis();
            // Fixed delay: a slow query is never followed at once by another one piling onto DynamoDB.
            polling = scheduler.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
    }

    /**
     * One poll. Runs of a fixed-delay task never overlap and each happens-before the next, so
     * {@link #failuresInARow} needs no lock.
     */
    void poll() {
        List<String> canceled;
        try {
            canceled = calls.cancelRequests(bridgeId);
        } catch (RuntimeException e) {
            // An exception escaping a scheduled task would silently end all future polls.
            if (failuresInARow++ == 0) {
                log.warn("asking DynamoDB for canceled calls of bridge {} failed ({}); asking again every {} ms",
                        bridgeId, e.getMessage(), pollInterval.toMillis());
            } else {
                log.debug("asking for canceled calls failed again ({})", e.getMessage());
            }
            return;
        }
        if (failuresInARow > 0) {
            log.info("asking DynamoDB for canceled calls works again after {} failed poll(s)", failuresInARow);
            failuresInARow = 0;
        }
        for (String callId : canceled) {
            onCancelRequested.accept(callId);
        }
    }
}
