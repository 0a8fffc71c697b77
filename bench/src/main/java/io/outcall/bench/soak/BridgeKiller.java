package io.outcall.bench.soak;

import io.outcall.pbxsim.OriginateGate;
import io.outcall.pbxsim.PbxSimulator;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kills the bridge process at the moment a phase names. For the two Originate phases it is the
 * simulator's Originate gate: armed, the next Originate to arrive kills the bridge before anything
 * answers it, then is dropped (claim to Originate) or run (Originate to delete). Mid-call, it kills
 * while the simulator has channels up.
 */
final class BridgeKiller implements OriginateGate {

    private final BridgeProcess bridge;
    private final PbxSimulator simulator;
    private final AtomicReference<Armed> armed = new AtomicReference<>();

    BridgeKiller(BridgeProcess bridge, PbxSimulator simulator) {
        this.bridge = bridge;
        this.simulator = simulator;
        simulator.originateGate(this);
    }

    /** One kill: what was hit, and the call it hit when the phase is about one Originate. */
    record Kill(KillPhase phase, long pid, String callId, int liveChannels) {
    }

    private record Armed(KillPhase phase, long pid, CompletableFuture<Kill> done) {
    }

    Kill kill(KillPhase phase, Duration deadline) throws InterruptedException {
        long pid = bridge.pid();
        if (phase == KillPhase.MID_CALL) {
            return killMidCall(pid, deadline);
        }
        Armed arming = new Armed(phase, pid, new CompletableFuture<>());
        armed.set(arming);
        try {
            return arming.done().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            armed.compareAndSet(arming, null);
            throw new SoakFailure("no Originate reached the simulator within " + deadline.toSeconds()
                    + " s to kill the bridge at " + phase.label + "; is the bridge taking calls?");
        } catch (ExecutionException e) {
            throw new SoakFailure("killing the bridge at " + phase.label + " failed: " + e.getCause());
        }
    }

    private Kill killMidCall(long pid, Duration deadline) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        int live;
        while ((live = simulator.liveChannelCount()) == 0) {
            if (System.nanoTime() > until) {
                throw new SoakFailure("no call was up in the simulator within " + deadline.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
        bridge.kill();
        return new Kill(KillPhase.MID_CALL, pid, null, live);
    }

    @Override
    public Decision onOriginate(String channelId) {
        Armed now = armed.getAndSet(null);
        if (now == null) {
            return Decision.PROCEED;
        }
        try {
            bridge.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            now.done().completeExceptionally(e);
            return Decision.PROCEED;
        }
        now.done().complete(new Kill(now.phase(), now.pid(), channelId, simulator.liveChannelCount()));
        // Dropped: Asterisk never saw it. Proceeding: Asterisk runs it, and its answer meets a dead socket.
        return now.phase() == KillPhase.CLAIM_TO_ORIGINATE ? Decision.DROP : Decision.PROCEED;
    }
}
