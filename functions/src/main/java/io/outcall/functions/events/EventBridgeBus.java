package io.outcall.functions.events;

import io.outcall.core.events.CallEventJson;
import io.outcall.core.events.CallStatusEvent;
import io.outcall.core.events.EventBus;
import io.outcall.core.json.Json;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Puts call status changes on an EventBridge bus: source {@code outcall}, detail-type {@code Call Status Changed}. */
final class EventBridgeBus implements EventBus {

    static final String SOURCE = "outcall";
    static final String DETAIL_TYPE = "Call Status Changed";
    private static final int MAX_ENTRIES = 10;

    private final EventBridgeClient events;
    private final String busName;
    private final Json json;

    EventBridgeBus(EventBridgeClient events, String busName, Json json) {
        this.events = events;
        this.busName = busName;
        this.json = json;
    }

    @Override
    public void put(List<CallStatusEvent> changes) {
        for (int from = 0; from < changes.size(); from += MAX_ENTRIES) {
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (CallStatusEvent change : changes.subList(from, Math.min(changes.size(), from + MAX_ENTRIES))) {
                entries.add(PutEventsRequestEntry.builder().eventBusName(busName).source(SOURCE)
                        .detailType(DETAIL_TYPE).time(change.occurredAt()).resources(List.of())
                        .detail(json.write(CallEventJson.eventBridgeDetail(change))).build());
            }
            PutEventsResponse response = events.putEvents(b -> b.entries(entries));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                String first = response.entries().stream().filter(e -> e.errorCode() != null)
                        .map(e -> e.errorCode() + ": " + e.errorMessage()).findFirst().orElse("unknown");
                throw new IllegalStateException(response.failedEntryCount() + " of " + entries.size()
                        + " events were not put on bus " + busName + "; first: " + first);
            }
        }
    }
}
