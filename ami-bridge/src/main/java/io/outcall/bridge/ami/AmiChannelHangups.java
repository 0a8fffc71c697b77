package io.outcall.bridge.ami;

import io.outcall.bridge.calls.ChannelHangups;
import io.outcall.bridge.health.BridgeMetrics;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hangs up channels of canceled calls over the AMI link. The tracker asks; the AMI write happens
 * on the bridge's I/O pool (a socket write may block) and Asterisk's answer is handed back there
 * too, since asterisk-java calls back on its reader thread, where nothing may log or block.
 */
public final class AmiChannelHangups implements ChannelHangups {

    private static final Logger log = LoggerFactory.getLogger(AmiChannelHangups.class);
    /** Q.850 16, Normal Clearing: what a caller hanging up looks like to the far end. */
    static final int NORMAL_CLEARING = 16;

    private final AmiLink ami;
    private final Executor io;
    private final BridgeMetrics metrics;

    public AmiChannelHangups(AmiLink ami, Executor io, BridgeMetrics metrics) {
        this.ami = ami;
        this.io = io;
        this.metrics = metrics;
    }

    @Override
    public void hangUp(String callId, String channel) {
        try {
            io.execute(() -> send(callId, channel));
        } catch (RejectedExecutionException e) {
            log.warn("not hanging up {} of canceled call {}: the bridge is stopping", channel, callId);
        }
    }

    private void send(String callId, String channel) {
        try {
            ami.hangup(channel, NORMAL_CLEARING, response -> answered(callId, channel, response));
            metrics.cancelHangups.increment();
            log.info("call {} was canceled by its tenant; hung up {}", callId, channel);
        } catch (IOException | RuntimeException e) {
            // The call stays up and listed as canceled: the next cancel poll after the retry delay tries again.
            log.warn("hanging up {} of canceled call {} failed ({}); retrying while the call is up", channel, callId,
                    e.getMessage());
        }
    }

    private void answered(String callId, String channel, ManagerResponse response) {
        if (!(response instanceof ManagerError error)) {
            return;
        }
        try {
            // Usually harmless: hanging up one half of a Local pair takes the other with it.
            io.execute(() -> log.debug("Asterisk did not hang up {} of canceled call {}: {}", channel, callId,
                    error.getMessage()));
        } catch (RejectedExecutionException ignored) {
            // stopping: nothing left to tell
        }
    }
}
