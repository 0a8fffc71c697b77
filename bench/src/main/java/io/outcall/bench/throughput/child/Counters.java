package io.outcall.bench.throughput.child;

import io.outcall.bridge.logging.BridgeLogging;

/** The instruments' cumulative counts at the start of a run, so the run reports only its own. */
record Counters(long receiveNanos, long receives, long claimNanos, long claims, long received, long deleteNanos,
                long deletes, long emptyReceives, long marks, long markNanos, long advances, long advanceNanos,
                long eventBatches, long eventBatchNanos, long dropped, long reconnects, long originateErrors,
                long duplicates, long queueFull, long gcCount, long gcPauseMillis) {

    static Counters of(Instruments i) {
        TimedEvents events = i.timedEvents();
        return new Counters(i.sqs().receive.nanos.sum(), i.sqs().receive.count.sum(), i.store().claim.nanos.sum(),
                i.store().claim.count.sum(), i.sqs().received.sum(), i.sqs().delete.nanos.sum(), i.sqs().delete.count.sum(),
                i.sqs().emptyReceives.sum(), i.store().markOriginated.count.sum(), i.store().markOriginated.nanos.sum(),
                i.store().advance.count.sum(), i.store().advance.nanos.sum(),
                events == null ? 0 : events.timer.count.sum(), events == null ? 0 : events.timer.nanos.sum(),
                i.metrics().amiEventsDropped.sum(), i.metrics().reconnects.sum(), i.metrics().originateErrors.sum(),
                i.metrics().duplicateMessages.sum(), BridgeLogging.asteriskJavaQueueFull(), i.heap().gcCount.get(),
                i.heap().gcPauseMillis.get());
    }
}
