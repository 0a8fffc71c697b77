package io.outcall.pbxsim;

import java.util.List;

/**
 * Everything one call says on AMI: renders the dialplan's side effects (Newexten, Newstate, VarSet, Hangup, device
 * states) into the call's current {@link Burst} and publishes each burst, reordered if the mode is on. Every method
 * runs with the call's lock held.
 */
final class CallOutput {

    /** SoftHangupRequest's flag for a channel whose application ended it (README surprise 7). */
    static final int SOFT_APPUNLOAD = 16;
    /** SoftHangupRequest's flag for {@code core restart now} (trace 14). */
    static final int SOFT_SHUTDOWN = 4;

    private final AmiEvents ev;
    private final EventSink sink;
    private final ChannelRegistry registry;
    private final Burst burst = new Burst();
    private final Reorderer reorderer;   // null: canonical order
    /** AMI clients hear only this call's OriginateResponse (SimulatorConfig#unobservedNumbers). */
    private final boolean unobserved;

    CallOutput(CallEnvironment env, Reorderer reorderer, boolean unobserved) {
        this.ev = env.events();
        this.sink = env.sink();
        this.registry = env.registry();
        this.reorderer = reorderer;
        this.unobserved = unobserved;
    }

    AmiEvents events() {
        return ev;
    }

    void emit(AmiMessage m, Channel about) {
        burst.add(m, about);
    }

    void emit(AmiMessage m) {
        burst.add(m);
    }

    /** Moves {@code c} to a dialplan step and reports it with Newexten. */
    void exten(Channel c, String context, String exten, int priority, String app, String data) {
        c.at(context, exten, priority, app, data);
        emit(ev.newexten(c), c);
    }

    void varSet(Channel c, String variable, String value) {
        emit(ev.varSet(c, variable, value), c);
    }

    /** {@code fields} alternate key, value. */
    void userEvent(Channel c, String name, String... fields) {
        emit(ev.userEvent(c, name, fields), c);
    }

    void setState(Channel c, ChannelState state) {
        c.state = state;
        emit(ev.newstate(c), c);
    }

    void softHangupRequest(Channel c) {
        emit(ev.softHangupRequest(c, SOFT_APPUNLOAD), c);
    }

    void hangupRequest(Channel c, int cause) {
        emit(ev.hangupRequest(c, cause), c);
    }

    void hangup(Channel c, int cause) {
        emit(ev.hangup(c, cause), c);
        c.alive = false;
        registry.release(c); // the id is free again as soon as Asterisk reported the Hangup
    }

    /** Soft hang-up of {@code first}, then both halves of a pair go down (restart, shutdown). */
    void hangupPair(Channel first, Channel second, int cause) {
        if (first.alive) {
            softHangupRequest(first);
            if (second.alive) {
                hangupRequest(second, cause);
            }
            hangup(first, cause);
        }
        if (second.alive) {
            softHangupRequest(second);
            hangup(second, cause);
        }
    }

    void devices(String context, String number, String state, int count) {
        AmiMessage m = ev.deviceStateChange("Local/" + number + "@" + context, state);
        for (int i = 0; i < count; i++) {
            emit(m);
        }
    }

    /** Publishes the current instant's events, reordered if the mode is on. */
    void flush() {
        if (burst.isEmpty()) {
            return;
        }
        List<Burst.Entry> entries = burst.drain();
        if (reorderer != null) {
            reorderer.apply(entries);
        }
        List<AmiMessage> out = new java.util.ArrayList<>(entries.size());
        for (Burst.Entry e : entries) {
            if (!unobserved || e.message().name().equals("OriginateResponse")) {
                out.add(e.message());
            }
        }
        sink.publishAll(out);
    }
}
