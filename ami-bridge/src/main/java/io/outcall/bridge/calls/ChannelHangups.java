package io.outcall.bridge.calls;

/**
 * How the tracker asks Asterisk to hang up a channel. Implementations must return at once: they
 * are called on the tracker thread, which must keep up with the AMI stream, so the AMI write and
 * its answer happen elsewhere.
 */
@FunctionalInterface
public interface ChannelHangups {

    /** Asks for {@code channel} (a channel name, or a uniqueid when no name was seen) of call {@code callId} to be hung up. */
    void hangUp(String callId, String channel);
}
