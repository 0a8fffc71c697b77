package io.outcall.core.events;

import java.util.List;

/** An event bus operators route call changes from (EventBridge on AWS). */
public interface EventBus {

    /** Puts every event; an exception when any was not accepted, so the stream retries them. */
    void put(List<CallStatusEvent> events);
}
