package io.outcall.pbxsim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One originated Local channel call and everything it spawns: the {@code ;1}/{@code ;2} pair, and for the
 * DynamicIVR the transfer pair. It plays the dialplan of ami-traces/asterisk-config/extensions.conf and emits the
 * events the traces show, in their order (01, 02, 03, 04, 05, 06, 11, 15, 16 were transcribed step by step).
 * This class owns the call's lifecycle (originate, AMI Hangup, restart, end); the dialplan lives in
 * {@link FarEndScript} (the {@code ;2} half), {@link TargetContext} (the {@code ;1} half), {@link AmdScript}
 * (answering-machine detection on {@code ;1}) and {@link TransferLeg}.
 *
 * <p>All state is guarded by {@link #lock}; timers, AMI Hangup and restart all take it, so one call's events are
 * always produced in a causal order, while different calls interleave freely as on a real Asterisk. The scripts
 * read and write the package-private fields below only while holding it.
 */
final class Call {

    final long sequence;
    final OriginateRequest req;
    final CallEnvironment env;
    final CallTimeline timeline;
    final CallOutput out;
    final OriginateReport report;
    final String callId;
    final String transferNumber;
    final FarEndScript farEnd;
    final TargetContext target;
    final TransferLeg transfer;
    final AmdScript amd;
    final MixMonitor mixMonitor;
    private final ReentrantLock lock = new ReentrantLock();

    Channel o1;
    Channel o2;
    boolean answered;
    long answeredAtMillis;
    boolean ended;

    Call(long sequence, OriginateRequest req, CallEnvironment env, Consumer<Boolean> syncResult) {
        this.sequence = sequence;
        this.req = req;
        this.env = env;
        ReorderMode mode = env.config().reorder();
        Reorderer reorderer = mode.enabled() ? new Reorderer(new Random(mode.seed() * 1_000_003L + sequence)) : null;
        this.out = new CallOutput(env, reorderer, env.config().unobservedNumbers().contains(req.number()));
        this.timeline = new CallTimeline(env.scheduler(), env.config(), lock, out::flush);
        this.report = new OriginateReport(req, syncResult, out);
        this.callId = req.variable("CALL_ID");
        this.transferNumber = req.variable("TRANSFER_NUMBER");
        this.farEnd = new FarEndScript(this);
        this.target = new TargetContext(this);
        this.transfer = new TransferLeg(this, transferNumber);
        this.amd = new AmdScript(this);
        this.mixMonitor = new MixMonitor(this);
    }

    // ---------------------------------------------------------------- lifecycle entry points

    /** Creates the channels and plays the first instant; later steps run on the scheduler. */
    void start() {
        lock.lock();
        try {
            if (!createOriginatedPair()) {
                return;
            }
            if (!env.config().localContexts().contains(req.localContext())) {
                failNoSuchContext();
                return;
            }
            setupOriginatedPair();
            farEnd.runOutboundDialplan();
            farEnd.play();
        } finally {
            out.flush();
            lock.unlock();
        }
    }

    /** AMI {@code Action: Hangup}: hangs up the named channel and, with it, the whole call (trace 15). */
    void hangupFromManager(Channel channel, int cause) {
        lock.lock();
        try {
            if (ended || !channel.alive) {
                return;
            }
            if (transfer.owns(channel)) {
                transfer.targetHangup(channel, cause);
                return;
            }
            Channel other = channel == o1 ? o2 : o1;
            out.softHangupRequest(channel);
            if (channel == o1 && answered) {
                transfer.callerLeavesBridge();
                amd.hangupDuringAnalysis();
                target.runHangupExten(cause);
            }
            out.hangupRequest(other, cause);
            out.hangup(channel, cause);
            out.softHangupRequest(other);
            out.hangup(other, cause);
            if (!answered) {
                report.report(false, 1, o1); // AST_CONTROL_HANGUP: the dialed channel went away before answer
            }
            out.devices(req.localContext(), req.number(), "NOT_INUSE", 2);
            transfer.tearDown(HangupCause.NORMAL_CLEARING);
            end();
        } finally {
            out.flush();
            lock.unlock();
        }
    }

    /** {@code core restart now} (trace 14): shutdown soft-hangup on every channel, then all hang up with cause 0. */
    void hangupForShutdown() {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            for (Channel c : liveChannelsLocked()) {
                out.emit(out.events().softHangupRequest(c, CallOutput.SOFT_SHUTDOWN), c);
            }
            transfer.shutdown();
            out.hangupPair(o1, o2, HangupCause.UNKNOWN);
            if (!answered) {
                report.report(false, 1, o1);
            }
            out.devices(req.localContext(), req.number(), "NOT_INUSE", 2);
            end();
        } finally {
            out.flush();
            lock.unlock();
        }
    }

    /** Snapshot of the live channels in the order CoreShowChannels lists them (trace 12: ;2 before ;1). */
    List<Channel> liveChannels() {
        return withLock(this::liveChannelsLocked);
    }

    /** Renders under the lock so the snapshot cannot tear while a step runs. */
    <T> T withLock(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** The other half of a Local channel pair, or null. */
    Channel localPeer(Channel c) {
        if (c == o1) return o2;
        if (c == o2) return o1;
        if (c != null && c == transfer.one()) return transfer.two();
        if (c != null && c == transfer.two()) return transfer.one();
        return null;
    }

    /** Marks the call over: no more steps, every channel gone from the registry. */
    void end() {
        ended = true;
        mixMonitor.channelHungUp();
        timeline.stop();
        for (Channel c : new Channel[] {o1, o2, transfer.one(), transfer.two()}) {
            if (c != null) {
                c.alive = false;
                env.registry().release(c);
            }
        }
        env.registry().removeCall(this);
    }

    private List<Channel> liveChannelsLocked() {
        List<Channel> live = new ArrayList<>(4);
        for (Channel c : new Channel[] {o2, o1, transfer.two(), transfer.one()}) {
            if (c != null && c.alive) {
                live.add(c);
            }
        }
        return live;
    }

    // ---------------------------------------------------------------- originate

    private boolean createOriginatedPair() {
        String base = "Local/" + req.number() + "@" + req.localContext() + "-" + env.ids().nextLocalSuffix();
        String id1 = req.channelId() != null ? req.channelId() : env.ids().nextUniqueid();
        // core_unreal.c: with only ChannelId given, the ;2 half is "<ChannelId>;2"
        String id2 = req.otherChannelId() != null ? req.otherChannelId()
                : req.channelId() != null ? req.channelId() + ";2" : env.ids().nextUniqueid();
        long now = System.nanoTime();
        o1 = new Channel(this, base + ";1", id1, id1, ChannelState.DOWN, req.localContext(), req.number(), now);
        o2 = new Channel(this, base + ";2", id2, id1, ChannelState.RING, req.localContext(), req.number(), now);
        if (!env.registry().claim(o1)) {
            refuseDuplicate(id1);
            return false;
        }
        if (!env.registry().claim(o2)) {
            env.registry().release(o1);
            refuseDuplicate(id2);
            return false;
        }
        env.registry().addCall(this);
        return true;
    }

    /** README "Duplicate ChannelId": queued, then refused with the live channel's id; the live call is untouched. */
    private void refuseDuplicate(String liveId) {
        ended = true;
        o1.alive = false;
        o2.alive = false;
        report.refuseDuplicate(liveId);
    }

    /** {@code Local/123@nosuchcontext} (trace 11): both halves appear and vanish with cause 0. */
    private void failNoSuchContext() {
        out.emit(out.events().newchannel(o1), o1);
        report.report(false, 0, o1);
        out.emit(out.events().newchannel(o2), o2);
        setupCallerIdsAndVariables();
        out.hangup(o2, HangupCause.UNKNOWN);
        out.hangup(o1, HangupCause.UNKNOWN);
        out.devices(req.localContext(), req.number(), "INVALID", 2);
        end();
    }

    private void setupOriginatedPair() {
        out.emit(out.events().newchannel(o1), o1);
        out.emit(out.events().newchannel(o2), o2);
        setupCallerIdsAndVariables();
        out.emit(out.events().localBridge(o1, o2, req.localContext(), req.number()));
        out.emit(out.events().dialBegin(null, o1, req.localDialString()), o1);
    }

    private void setupCallerIdsAndVariables() {
        AmiEvents ev = out.events();
        out.exten(o1, req.localContext(), req.number(), 1, "AppDial2", "(Outgoing Line)");
        // ;1 reports the Variable: headers last-first, ;2 (its copy) first-last, as in every trace
        List<OriginateRequest.Variable> vars = req.variables();
        for (int i = vars.size() - 1; i >= 0; i--) {
            out.varSet(o1, vars.get(i).name(), vars.get(i).value());
        }
        if (req.callerId().isKnown()) {
            o1.callerId = req.callerId();
            out.emit(ev.newCallerid(o1), o1);
            o1.connected = req.callerId();
            out.emit(ev.newConnectedLine(o1), o1);
        }
        for (OriginateRequest.Variable v : vars) {
            out.varSet(o2, v.name(), v.value());
        }
        if (req.callerId().isKnown()) {
            o2.callerId = req.callerId();
            o2.connected = req.callerId();
            out.emit(ev.newCallerid(o2), o2);
            out.emit(ev.newConnectedLine(o2), o2);
        }
    }
}
