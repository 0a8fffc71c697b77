package io.outcall.bench.throughput.child;

import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallEventStore;
import java.util.List;

/** Call-event batch writes, timed. */
final class TimedEvents implements CallEventStore {
    final Timer timer = new Timer();
    private final CallEventStore delegate;

    TimedEvents(CallEventStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void append(List<CallEvent> events) {
        timer.time(() -> {
            delegate.append(events);
            return null;
        });
    }

    @Override
    public List<CallEvent> timeline(String callId) {
        return delegate.timeline(callId);
    }

    @Override
    public long lastSeq(String callId) {
        return delegate.lastSeq(callId);
    }
}
