package io.outcall.bench.throughput.child;

import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, nothing more: the least any listener on asterisk-java's dispatch thread can cost. It sees
 * what asterisk-java dispatches, which includes its own additions (a legacy DialEvent per DialBegin,
 * Connect and Disconnect), so the wire, not this count, is what compares with the bridge.
 */
final class CountingListener implements ManagerEventListener {
    final LongAdder events = new LongAdder();
    final LongAdder originateResponses = new LongAdder();
    final LongAdder failedResponses = new LongAdder();
    final LongAdder hangups = new LongAdder();
    final LongAdder reconnects = new LongAdder();

    @Override
    public void onManagerEvent(ManagerEvent event) {
        events.increment();
        switch (event) {
            case OriginateResponseEvent r -> {
                originateResponses.increment();
                if (!"Success".equalsIgnoreCase(r.getResponse())) {
                    failedResponses.increment();
                }
            }
            case HangupEvent h -> hangups.increment();
            case DisconnectEvent d -> reconnects.increment();
            default -> {
            }
        }
    }
}
