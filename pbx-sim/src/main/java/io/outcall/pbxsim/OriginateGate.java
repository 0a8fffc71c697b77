package io.outcall.pbxsim;

/**
 * Decides, the moment an Originate arrives and before it is answered or run, whether Asterisk ever
 * saw it. A harness that must hit one exact moment of a client's life (a crash soak killing the
 * bridge between its claim and its Originate, or right after Asterisk took the Originate) sets
 * one with {@link PbxSimulator#originateGate(OriginateGate)}; by default every Originate proceeds.
 *
 * <p>Called on the session's reader thread: while it blocks, that session reads nothing more,
 * which is what a client killed at that moment would see anyway.
 */
@FunctionalInterface
public interface OriginateGate {

    OriginateGate OPEN = channelId -> Decision.PROCEED;

    /** @param channelId the Originate's ChannelId header, or null when it has none */
    Decision onOriginate(String channelId);

    enum Decision {
        /** Answered and run as usual (if the client is gone by then, the call still runs, as in Asterisk). */
        PROCEED,
        /** Never answered, never run: as if the client had died before sending it. */
        DROP
    }
}
