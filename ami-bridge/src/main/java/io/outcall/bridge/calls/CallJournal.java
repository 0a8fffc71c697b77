package io.outcall.bridge.calls;

import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;

import java.time.Instant;
import java.util.Map;

/** Hands a live call's timeline events and forward status moves to the sink. Tracker thread only. */
final class CallJournal {

    private final CallSink sink;

    CallJournal(CallSink sink) {
        this.sink = sink;
    }

    void record(LiveCall call, String name, Instant at, String channel, Map<String, String> fields) {
        sink.event(new CallEvent(call.callId, ++call.seq, name, at, channel, fields));
    }

    /** Writes the status the call's facts show, when it is ahead of the last one written. */
    void progressed(LiveCall call) {
        CallFacts facts = call.facts;
        CallStatus observed = facts.observedStatus();
        if (call.written.canMoveTo(observed)) {
            call.written = observed;
            sink.progress(CallProgress.status(call.callId, call.tenantId, call.attempt, observed, facts.ringingAt(),
                    facts.answeredAt(), facts.channel()));
        }
    }

    /** Writes what answering-machine detection found so far, while the call goes on. */
    void amdReported(LiveCall call) {
        sink.amd(call.callId, call.tenantId, call.amd.outcome(call.facts.answeredAt()));
    }

    /**
     * The attempt's last write when it is retried, once, by {@link CallFinisher}: the call waits for
     * its next attempt, or, should that move fail (the call moved on), ends with {@code finalIfNotRetried}.
     */
    void attemptEnded(LiveCall call, AttemptEnd end) {
        call.written = end.finalIfNotRetried().status();
        sink.attemptEnded(end);
    }

    /** The call's last write: its final status, written once by {@link CallFinisher}. */
    void finished(LiveCall call, CallProgress last) {
        call.written = last.status();
        sink.progress(last);
    }
}
