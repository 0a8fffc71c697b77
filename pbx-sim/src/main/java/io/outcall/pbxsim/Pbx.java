package io.outcall.pbxsim;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The telephony side of one Asterisk "boot": starts calls, finds channels, ends everything on shutdown.
 * Knows nothing about sockets; events leave through the {@link EventSink} in its environment.
 */
final class Pbx {

    private final CallEnvironment env;
    private final AtomicLong callSequence = new AtomicLong();

    Pbx(CallEnvironment env) {
        this.env = env;
    }

    /**
     * Starts an Originate whose action response has already been sent.
     *
     * @param syncResult null for {@code Async: true} (an OriginateResponse event reports the result); otherwise
     *                   receives true once answered or false on failure, and no OriginateResponse is sent
     */
    void originate(OriginateRequest request, Consumer<Boolean> syncResult) {
        if (!request.isLocal()) {
            // only Local channels exist here, like the traced Asterisk with no trunks: "no such tech" (trace 11)
            if (syncResult != null) {
                syncResult.accept(false);
            } else {
                String uniqueid = request.channelId() != null ? request.channelId() : CallerId.UNKNOWN;
                env.sink().publish(env.events().originateResponse(request.actionId(), false, request.dialString(),
                        request.context(), request.exten(), 0, uniqueid, request.callerId()));
            }
            return;
        }
        new Call(callSequence.incrementAndGet(), request, env, syncResult).start();
    }

    /** Live channel by exact name, or null. */
    Channel channel(String name) {
        return env.registry().byName(name);
    }

    void hangup(Channel channel, int cause) {
        channel.call.hangupFromManager(channel, cause);
    }

    List<Call> calls() {
        return env.registry().calls();
    }

    int liveChannelCount() {
        return env.registry().channelCount();
    }

    /** First half of {@code core restart now}: every call is torn down with the shutdown soft-hangup. */
    void hangupEverything() {
        for (Call call : env.registry().calls()) {
            call.hangupForShutdown();
        }
    }

    SimulatorConfig config() {
        return env.config();
    }
}
