package io.outcall.bridge.dnc;

import io.outcall.bridge.calls.OptOuts;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStore;
import io.outcall.core.dnc.DoNotCallList;
import io.outcall.core.phone.MaskedNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Adds a callee who opted out to their tenant's do-not-call list: the number is the call's own
 * {@code to} as intake stored it (never a value from the dialplan), the entry audited as
 * {@code callee opt-out} with the call id. The tracker hands it over; the reads and the write
 * happen on the bridge's I/O pool. An opt-out that cannot be written is logged with its call id
 * and counted, for a person to add it.
 */
public final class OptOutRecorder implements OptOuts {

    private static final Logger log = LoggerFactory.getLogger(OptOutRecorder.class);

    private final CallStore calls;
    private final DoNotCallList lists;
    private final Executor io;
    private final BridgeMetrics metrics;

    public OptOutRecorder(CallStore calls, DoNotCallList lists, Executor io, BridgeMetrics metrics) {
        this.calls = calls;
        this.lists = lists;
        this.io = io;
        this.metrics = metrics;
    }

    @Override
    public void optedOut(String callId, String tenantId) {
        io.execute(() -> record(callId, tenantId));
    }

    private void record(String callId, String tenantId) {
        try {
            Optional<Call> call = calls.find(callId);
            if (call.isEmpty() || !call.get().tenantId().equals(tenantId)) {
                log.warn("call {}: opted out, but no call of tenant {} has that id; nothing added", callId, tenantId);
                return;
            }
            boolean added = lists.optOut(tenantId, call.get().to(), callId);
            metrics.optOuts.increment();
            log.info("call {}: the callee opted out; {} {} tenant {}'s do-not-call list", callId,
                    MaskedNumber.of(call.get().to()), added ? "added to" : "already on", tenantId);
        } catch (RuntimeException e) {
            metrics.optOutsLost.increment();
            log.error("call {}: the callee opted out and it could not be recorded ({}); add the call's number to"
                    + " tenant {}'s do-not-call list by hand", callId, e.toString(), tenantId);
        }
    }
}
