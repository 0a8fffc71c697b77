package io.outcall.core.dynamo;

import io.outcall.core.window.CallingWindow;
import io.outcall.core.window.LocalHours;
import io.outcall.core.window.OutsideWindow;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's calling window in its item: {@code callingWindow} = {outsideWindow: "refuse",
 * hours: {MONDAY: ["08:00-21:00", ...], ...}}; absent when the tenant has none.
 */
final class CallingWindowItems {

    static final String ATTRIBUTE = "callingWindow";

    private CallingWindowItems() {
    }

    static void put(Map<String, AttributeValue> item, CallingWindow window) {
        if (window == null) {
            return;
        }
        Map<String, AttributeValue> hours = new HashMap<>();
        window.hours().forEach((day, ranges) -> hours.put(day.name(), AttributeValue.fromL(ranges.stream()
                .map(r -> Items.s(r.fromText() + "-" + r.toText())).toList())));
        item.put(ATTRIBUTE, AttributeValue.fromM(Map.of("outsideWindow", Items.s(window.outsideWindow().json()),
                "hours", AttributeValue.fromM(hours))));
    }

    static CallingWindow read(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(ATTRIBUTE);
        if (value == null) {
            return null;
        }
        Map<String, AttributeValue> window = value.m();
        Map<DayOfWeek, List<LocalHours>> hours = new EnumMap<>(DayOfWeek.class);
        window.get("hours").m().forEach((day, ranges) -> hours.put(DayOfWeek.valueOf(day), ranges.l().stream()
                .map(r -> r.s().split("-", 2)).map(r -> LocalHours.of(r[0], r[1])).toList()));
        String mode = window.get("outsideWindow").s();
        return new CallingWindow(OutsideWindow.ofJson(mode)
                .orElseThrow(() -> new IllegalStateException("tenant item has outsideWindow '" + mode + "'")), hours);
    }
}
