package io.outcall.bridge.ami;

import io.outcall.bridge.health.BridgeMetrics;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DialStateEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.VarSetEvent;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The only code on asterisk-java's dispatch thread. asterisk-java drops events silently once that
 * thread falls behind (about 10 us per event is already too slow), so this does nothing but a
 * class check and a non-blocking offer: no I/O, no logging, no locks beyond the queue's own.
 * Events the bridge does not follow are left here; Asterisk should not send them at all
 * (manager.conf event filters), this is the backstop.
 */
public final class AmiEventQueue implements ManagerEventListener {

    // Exact classes: asterisk-java also dispatches a legacy DialEvent copy of every DialBegin.
    private static final Set<Class<?>> FOLLOWED = Set.of(OriginateResponseEvent.class, NewChannelEvent.class,
            NewStateEvent.class, DialBeginEvent.class, DialStateEvent.class, DialEndEvent.class, HangupEvent.class,
            BridgeEnterEvent.class, BridgeLeaveEvent.class, AnyUserEvent.class);

    private final BlockingQueue<ManagerEvent> queue;
    private final BridgeMetrics metrics;

    public AmiEventQueue(int capacity, BridgeMetrics metrics) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.metrics = metrics;
    }

    @Override
    public void onManagerEvent(ManagerEvent event) {
        if ((FOLLOWED.contains(event.getClass()) || amdResult(event)) && !queue.offer(event)) {
            metrics.amiEventsDropped.increment();
        }
    }

    /**
     * app_amd's result as VarSet (the only sign of a hang-up during analysis when the dialplan
     * reports nothing more): kept when Asterisk sends VarSet at all; every other VarSet is left here.
     */
    private static boolean amdResult(ManagerEvent event) {
        return event instanceof VarSetEvent v && v.getVariable() != null && v.getVariable().startsWith("AMD");
    }

    public BlockingQueue<ManagerEvent> queue() {
        return queue;
    }

    /** Share of capacity in use, 0 to 100: the bridge stops taking calls well before 100. */
    public int fillPercent() {
        int size = queue.size();
        return (int) (100L * size / (size + queue.remainingCapacity()));
    }
}
