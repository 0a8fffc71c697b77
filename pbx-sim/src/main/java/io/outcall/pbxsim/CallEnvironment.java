package io.outcall.pbxsim;

import java.util.concurrent.ScheduledExecutorService;

/** What every call of one boot shares: where events go, the live-channel index, id counters, timers. */
record CallEnvironment(
        SimulatorConfig config,
        AmiEvents events,
        EventSink sink,
        ChannelRegistry registry,
        IdSource ids,
        ScheduledExecutorService scheduler) {
}
