package io.outcall.core.window;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** A tenant's calling window applied to one callee: in every zone the callee's number may be in. */
public final class CallingWindows {

    /** The failure reason of a call the bridge found outside its window and could not schedule again. */
    public static final String OUTSIDE_CALLING_WINDOW = "OUTSIDE_CALLING_WINDOW";

    private final CalleeTimeZones zones;

    public CallingWindows(CalleeTimeZones zones) {
        this.zones = zones;
    }

    /** When the window next opens for {@code number}, at or after {@code at}. */
    public Opening nextOpening(CallingWindow window, String number, Instant at) {
        List<ZoneId> calleeZones = zones.of(number);
        if (calleeZones.isEmpty()) {
            return new Opening(null, calleeZones);
        }
        return new Opening(window.nextOpening(calleeZones, at).orElse(null), calleeZones);
    }

    /**
     * The intake's decision for a call to {@code number} requested at {@code now}.
     *
     * @param window the tenant's window, or null for none
     * @return empty when it may be dialed now; else the instant to schedule it for
     * @throws OutsideCallingWindowException when the window is closed and the tenant refuses such
     *                                       calls, or when it never opens for this callee
     */
    public Optional<Instant> admit(CallingWindow window, String number, Instant now) {
        if (window == null) {
            return Optional.empty();
        }
        Opening opening = nextOpening(window, number, now);
        if (opening.isOpenAt(now)) {
            return Optional.empty();
        }
        if (opening.at() == null || window.outsideWindow() == OutsideWindow.REFUSE) {
            throw new OutsideCallingWindowException(opening);
        }
        return Optional.of(opening.at());
    }
}
