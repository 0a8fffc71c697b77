package io.outcall.pbxsim;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The dialplan steps of one call, keyed by script time (milliseconds since the Originate, before scaling).
 * Steps run strictly in script-time order whatever the scheduler's jitter or the time scale, because each timer
 * only says "something may be due" and the timeline then runs every due step in order, under the call's lock.
 * No thread is held while waiting, so thousands of calls share a small scheduler.
 */
final class CallTimeline {

    private record Step(long atMillis, long order, Runnable action) implements Comparable<Step> {
        @Override
        public int compareTo(Step o) {
            int c = Long.compare(atMillis, o.atMillis);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final ScheduledExecutorService scheduler;
    private final SimulatorConfig config;
    private final ReentrantLock lock;
    private final Runnable afterEachStep;
    private final long startNanos = System.nanoTime();
    private final PriorityQueue<Step> pending = new PriorityQueue<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private long order;
    private long currentStepMillis;
    private boolean stopped;

    CallTimeline(ScheduledExecutorService scheduler, SimulatorConfig config, ReentrantLock lock,
                 Runnable afterEachStep) {
        this.scheduler = scheduler;
        this.config = config;
        this.lock = lock;
        this.afterEachStep = afterEachStep;
    }

    /** Schedules {@code action} at script time {@code atMillis}; call with the lock held. */
    void at(long atMillis, Runnable action) {
        if (stopped) {
            return;
        }
        pending.add(new Step(atMillis, order++, action));
        long delay = Math.max(0, startNanos + config.scaledNanos(atMillis) - System.nanoTime());
        timers.removeIf(ScheduledFuture::isDone);
        timers.add(scheduler.schedule(this::runDue, delay, TimeUnit.NANOSECONDS));
    }

    /** Schedules relative to the step now running, so chains of waits add up exactly as in the dialplan. */
    void after(long delayMillis, Runnable action) {
        at(currentStepMillis + delayMillis, action);
    }

    /** Script time of the step now running (0 before the first one): what {@link #after} counts from. */
    long stepMillis() {
        return currentStepMillis;
    }

    /** Script milliseconds elapsed since the call started. */
    long nowMillis() {
        return (long) ((System.nanoTime() - startNanos) / 1_000_000.0 / config.timeScale());
    }

    /** Drops every pending step; call with the lock held. */
    void stop() {
        stopped = true;
        pending.clear();
        timers.forEach(t -> t.cancel(false));
        timers.clear();
    }

    private void runDue() {
        lock.lock();
        try {
            long elapsed = System.nanoTime() - startNanos;
            while (!pending.isEmpty() && config.scaledNanos(pending.peek().atMillis) <= elapsed) {
                Step step = pending.poll();
                currentStepMillis = step.atMillis;
                step.action.run();
                afterEachStep.run();
            }
        } catch (RuntimeException e) {
            // a bug in one call's script must not kill the shared scheduler thread
            e.printStackTrace();
        } finally {
            lock.unlock();
        }
    }
}
