package io.outcall.bridge.calls;

import io.outcall.bridge.ami.AnyUserEvent;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.HangupCause;
import io.outcall.core.store.CallEvent;
import io.outcall.core.store.CallProgress;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DialStateEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows every call the bridge dialed: takes AMI events off the bridge's queue, finds their call
 * by Linkedid (every channel of a call carries the call id there, because it was originated with
 * {@code ChannelId: <callId>}) or, for OriginateResponse, by ActionID, and turns them into timeline
 * events and status progress for the sink.
 *
 * <p>One thread does all of this, so call state needs no locks. Other threads talk to it only
 * through {@link #expect} (before the Originate is sent) and {@link #submit} (commands run on the
 * tracker thread between events).
 *
 * <p>A call its tenant canceled ({@link #cancelRequested}) is hung up through {@link ChannelHangups}
 * and ends CANCELED; see {@link Outcome#canceled}.
 *
 * <p>A call is finished when all its channels have hung up and Asterisk's OriginateResponse has
 * arrived (it may come before or after the hangups), or a grace period after the last hangup if it
 * never does. Deciding only then makes the outcome independent of event order.
 */
public final class CallTracker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CallTracker.class);
    private static final int STATE_RINGING = 5;
    private static final int STATE_UP = 6;
    private static final Set<String> STANDARD_USER_EVENT_HEADERS = Set.of("event", "userevent", "privilege",
            "channel", "channelstate", "channelstatedesc", "calleridnum", "calleridname", "connectedlinenum",
            "connectedlinename", "language", "accountcode", "context", "exten", "priority", "uniqueid", "linkedid",
            "systemname");

    private final BlockingQueue<ManagerEvent> events;
    private final CallSink sink;
    private final ChannelHangups hangups;
    private final BridgeMetrics metrics;
    private final Clock clock;
    private final Duration originateResponseGrace;
    private final Duration cancelHangupRetry;
    private final Consumer<FinishedCall> onFinished;
    private final Map<String, LiveCall> byCallId = new ConcurrentHashMap<>();
    private final Map<String, LiveCall> byActionId = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    /** Calls finished by this process, kept a while so their late duplicate messages are recognised. */
    private final Map<String, Long> recentlyFinished = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> finishedOrder = new ConcurrentLinkedQueue<>();
    private static final Duration REMEMBER_FINISHED = Duration.ofMinutes(15);
    /** How long Asterisk may take from accepting an Originate to creating its first channel. */
    private static final Duration UNSEEN_CALL_SETTLE = Duration.ofSeconds(5);
    /** Longer than any ring timeout (at most 300 s) plus Asterisk's own delays. */
    private static final Duration SILENT_CALL_LIMIT = Duration.ofMinutes(10);
    private volatile boolean running = true;
    private static final long SWEEP_INTERVAL_NANOS = 100_000_000L;
    private long lastSweepNanos;

    /** What the rest of the bridge hears when a call ends: to free its pacing slot, count it, log it. */
    public record FinishedCall(String callId, String tenantId, CallStatus status) {
    }

    /**
     * @param hangups           how a canceled call's channels are hung up
     * @param cancelHangupRetry how long a canceled call may stay up after its Hangup before the
     *                          next cancel request for it sends the Hangup again
     */
    public CallTracker(BlockingQueue<ManagerEvent> events, CallSink sink, ChannelHangups hangups, BridgeMetrics metrics,
                       Clock clock, Duration originateResponseGrace, Duration cancelHangupRetry,
                       Consumer<FinishedCall> onFinished) {
        this.events = events;
        this.sink = sink;
        this.hangups = hangups;
        this.metrics = metrics;
        this.clock = clock;
        this.originateResponseGrace = originateResponseGrace;
        this.cancelHangupRetry = cancelHangupRetry;
        this.onFinished = onFinished;
    }

    /** Registers a call about to be originated; call before sending the Originate. */
    public void expect(String callId, String tenantId, String actionId, String dialedHalfId) {
        LiveCall call = new LiveCall(callId, tenantId, actionId, dialedHalfId, CallStatus.DIALING);
        byCallId.put(callId, call);
        byActionId.put(actionId, call);
    }

    /**
     * Follows a call dialed before this tracker existed (a bridge restart), whose channels are
     * still up in Asterisk.
     *
     * @param recorded     the call as the previous process wrote it
     * @param lastEventSeq the last seq of the call's stored timeline: new events go on after it
     * @param onAdopted    runs on the tracker thread if the call is adopted, not when it was followed
     *                     already (two paths may find the same orphan): where its pacing permit is taken
     */
    public void adopt(Call recorded, String actionId, String dialedHalfId, long lastEventSeq,
                      Collection<String> liveChannelIds, Runnable onAdopted) {
        String callId = recorded.callId();
        String channel = recorded.channel();
        LiveCall call = new LiveCall(callId, recorded.tenantId(), actionId, dialedHalfId, recorded.status());
        // What the previous process recorded: the final write's ring and talk times build on it.
        call.ringingAt = recorded.ringingAt();
        call.answeredAt = recorded.answeredAt();
        call.channel = channel;
        // The timeline the previous process wrote stays; this one's events come after it.
        call.seq = lastEventSeq;
        if (channel != null) {
            // Its Newchannel was seen by the previous process; a cancel must still be able to name it.
            call.channelNames.put(callId, channel);
        }
        call.anyChannelSeen = true;
        // Asterisk answered long ago: no OriginateResponse will come for this session.
        call.originateResponded = true;
        submit(() -> {
            if (byCallId.containsKey(callId)) {
                return;
            }
            onAdopted.run();
            call.liveChannels.addAll(liveChannelIds);
            byCallId.put(callId, call);
            byActionId.put(call.actionId, call);
        });
    }

    public boolean isFollowing(String callId) {
        return byCallId.containsKey(callId);
    }

    /**
     * True for calls this process follows or finished recently: their final write may still be on
     * its way, so a duplicate message for them must not be mistaken for an orphan.
     */
    public boolean knows(String callId) {
        return byCallId.containsKey(callId) || recentlyFinished.containsKey(callId);
    }

    public int following() {
        return byCallId.size();
    }

    /** Runs {@code command} on the tracker thread, between events. */
    public void submit(Runnable command) {
        commands.add(command);
    }

    /**
     * The call's tenant asked to stop it: the first request is recorded on the timeline and hangs
     * up every live channel (or, before any exists, the first one to appear). The cancel poll
     * repeats the request until the call's final write lands; a repeat sends the Hangup again
     * only when the call is still up {@code cancelHangupRetry} after the last one. A call this
     * tracker does not follow is not its to hang up: it just finished (its final write is on the
     * way), or it is still being adopted after a restart and a later poll finds it followed.
     */
    public void cancelRequested(String callId) {
        submit(() -> {
            LiveCall call = byCallId.get(callId);
            if (call == null) {
                log.debug("cancel request for call {}, which this bridge does not follow; ignored", callId);
                return;
            }
            long nowNanos = System.nanoTime();
            if (!call.cancelRequested()) {
                call.cancelRequestedAt = clock.instant();
                // The timeline says it; the log line comes from the Hangup, off this thread.
                record(call, "CancelRequested", call.cancelRequestedAt, call.channel, Map.of());
            } else if (call.cancelHangupSentNanos == 0
                    || nowNanos - call.cancelHangupSentNanos < cancelHangupRetry.toNanos()) {
                return; // no channel to hang up yet, or the Hangup is still on its way
            } else if (!call.liveChannels.isEmpty()) {
                log.warn("call {} is still up {} ms after its cancel Hangup; sending it again", callId,
                        cancelHangupRetry.toMillis());
            }
            hangUpLiveChannels(call, nowNanos);
        });
    }

    /** Sends a Hangup for every live channel of a canceled call, the originated channel first. */
    private void hangUpLiveChannels(LiveCall call, long nowNanos) {
        if (call.liveChannels.isEmpty()) {
            return; // nothing up yet: onNewChannel hangs up the first channel that appears
        }
        // A channel known only from CoreShowChannels has no name here: Asterisk's channel lookup
        // falls back to the uniqueid, so that is sent instead.
        call.liveChannels.stream()
                .sorted(Comparator.comparing((String id) -> !id.equals(call.callId)).thenComparing(id -> id))
                .forEach(id -> hangups.hangUp(call.callId, call.channelNames.getOrDefault(id, id)));
        call.cancelHangupSentNanos = nowNanos;
    }

    /** Ends a call Asterisk never dialed (Originate refused or not sent), with the reason. */
    public void refused(String callId, String reason) {
        submit(() -> {
            LiveCall call = byCallId.get(callId);
            if (call != null) {
                call.failureReason = reason;
                call.originateResponded = true;
                finish(call, clock.instant());
            }
        });
    }

    /**
     * After an AMI reconnect: channels of followed calls that Asterisk no longer has ended while
     * the bridge could not see; their calls finish with a reason instead of waiting forever.
     * Only calls followed before the snapshot was asked for are judged: a call dialed since has
     * simply not shown its channels yet, and one with no channel seen is given a few seconds.
     *
     * @param liveChannelsByCall live channel uniqueids per Linkedid, from CoreShowChannels
     * @param snapshotAskedNanos System.nanoTime() just before CoreShowChannels was sent
     */
    public void reconcile(Map<String, Set<String>> liveChannelsByCall, long snapshotAskedNanos, String reason) {
        submit(() -> {
            Instant now = clock.instant();
            for (LiveCall call : List.copyOf(byCallId.values())) {
                if (call.followedSinceNanos - snapshotAskedNanos > 0) {
                    continue; // dialed after the snapshot was asked for: it cannot be in it yet
                }
                if (!call.anyChannelSeen) {
                    // Accepted long before the snapshot, yet neither seen nor in it: its events
                    // were lost with the session. Recently dialed ones may still be starting.
                    boolean settled = snapshotAskedNanos - call.followedSinceNanos > UNSEEN_CALL_SETTLE.toNanos();
                    if (!settled || liveChannelsByCall.containsKey(call.callId)) {
                        continue;
                    }
                }
                // The snapshot was taken before events this thread may already have handled: a
                // channel seen hanging up since must not come back to life from it.
                Set<String> live = new java.util.HashSet<>(liveChannelsByCall.getOrDefault(call.callId, Set.of()));
                live.removeAll(call.endedChannels);
                call.liveChannels.retainAll(live);
                call.liveChannels.addAll(live);
                if (call.liveChannels.isEmpty()) {
                    call.failureReason = reason;
                    call.originateResponded = true;
                    if (call.lastHangupAt == null) {
                        call.lastHangupAt = now;
                    }
                    finish(call, now);
                }
            }
        });
    }

    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        List<ManagerEvent> batch = new ArrayList<>(256);
        while (running || !events.isEmpty()) {
            try {
                runCommands();
                ManagerEvent first = events.poll(50, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    events.drainTo(batch, 255);
                    for (ManagerEvent event : batch) {
                        handleSafely(event);
                    }
                    batch.clear();
                }
                finishSafely();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        runCommands();
    }

    private void runCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            try {
                command.run();
            } catch (RuntimeException e) {
                // As with events: one failed command must not stop this thread, which follows every call.
                log.error("a tracker command failed; continuing", e);
            }
        }
    }

    private void finishSafely() {
        try {
            finishOverdue();
        } catch (RuntimeException e) {
            log.error("finishing overdue calls failed; continuing", e);
        }
    }

    private void handleSafely(ManagerEvent event) {
        try {
            handle(event);
        } catch (RuntimeException e) {
            // One malformed event must not stop the following of this call, or of any other.
            log.error("handling {} failed; continuing", event.getClass().getSimpleName(), e);
        }
    }

    void handle(ManagerEvent event) {
        metrics.amiEvents.increment();
        Instant at = event.getDateReceived() == null ? clock.instant() : event.getDateReceived().toInstant();
        metrics.lastEventAtMillis.set(at.toEpochMilli());
        switch (event) {
            case OriginateResponseEvent e -> onOriginateResponse(e, at);
            case NewChannelEvent e -> onNewChannel(e, at);
            case NewStateEvent e -> onNewState(e, at);
            case DialBeginEvent e -> dialBegin(e, at);
            case DialEndEvent e -> dialEnd(e, at);
            case DialStateEvent e -> dialState(e, at);
            case HangupEvent e -> onHangup(e, at);
            case BridgeEnterEvent e -> onBridge("BridgeEnter", e.getLinkedId(), e.getChannel(), e.getBridgeUniqueId(), at);
            case BridgeLeaveEvent e -> onBridge("BridgeLeave", e.getLinkedId(), e.getChannel(), e.getBridgeUniqueId(), at);
            case AnyUserEvent e -> onUserEvent(e, at);
            default -> {
                // Not a call event: Asterisk should filter these (manager.conf); nothing to do.
            }
        }
    }

    private void onOriginateResponse(OriginateResponseEvent e, Instant at) {
        LiveCall call = lookup(byActionId, e.getActionId());
        if (call == null) {
            return;
        }
        call.originateResponded = true;
        call.originateReason = e.getReason();
        if (Integer.valueOf(4).equals(e.getReason()) && call.answeredAt == null) {
            call.answeredAt = at;
        }
        Map<String, String> fields = fields("Response", e.getResponse(), "Reason", str(e.getReason()),
                "Uniqueid", e.getUniqueId());
        record(call, "OriginateResponse", at, e.getChannel(), fields);
        progressed(call, at);
    }

    private void onNewChannel(NewChannelEvent e, Instant at) {
        LiveCall call = lookup(byCallId, e.getLinkedid());
        if (call == null) {
            return;
        }
        call.anyChannelSeen = true;
        call.liveChannels.add(e.getUniqueId());
        if (e.getChannel() != null) {
            call.channelNames.put(e.getUniqueId(), e.getChannel());
        }
        if (e.getUniqueId().equals(call.callId)) {
            call.channel = e.getChannel();
        }
        record(call, "Newchannel", at, e.getChannel(), fields("Uniqueid", e.getUniqueId(), "ChannelState", str(e.getChannelState()),
                "ChannelStateDesc", e.getChannelStateDesc(), "Context", e.getContext(), "Exten", e.getExten()));
        if (call.cancelRequested() && call.cancelHangupSentNanos == 0) {
            // Canceled before Asterisk created anything: the first channel takes the rest of the call with it.
            hangUpLiveChannels(call, System.nanoTime());
        }
    }

    private void onNewState(NewStateEvent e, Instant at) {
        LiveCall call = lookup(byCallId, e.getLinkedId());
        if (call == null) {
            return;
        }
        if (e.getUniqueId().equals(call.callId)) {
            Integer state = e.getChannelState();
            if (state != null && state == STATE_RINGING && call.ringingAt == null) {
                call.ringingAt = at;
            } else if (state != null && state == STATE_UP && call.answeredAt == null) {
                call.answeredAt = at;
            }
        }
        record(call, "Newstate", at, e.getChannel(), fields("Uniqueid", e.getUniqueId(), "ChannelState", str(e.getChannelState()),
                "ChannelStateDesc", e.getChannelStateDesc()));
        progressed(call, at);
    }

    private void dialBegin(DialBeginEvent e, Instant at) {
        LiveCall call = callOfDial(e.getLinkedId(), e.getDestLinkedId());
        if (call != null) {
            record(call, "DialBegin", at, e.getChannel(), fields("DestChannel", e.getDestChannel(),
                    "DestUniqueid", e.getDestUniqueId(), "DialString", e.getDialString()));
        }
    }

    private void dialState(DialStateEvent e, Instant at) {
        LiveCall call = callOfDial(e.getLinkedId(), e.getDestLinkedId());
        if (call == null) {
            return;
        }
        if (call.callId.equals(e.getDestUniqueId()) && "RINGING".equals(e.getDialStatus()) && call.ringingAt == null) {
            call.ringingAt = at;
        }
        record(call, "DialState", at, e.getChannel(), fields("DestChannel", e.getDestChannel(),
                "DestUniqueid", e.getDestUniqueId(), "DialStatus", e.getDialStatus()));
        progressed(call, at);
    }

    private void dialEnd(DialEndEvent e, Instant at) {
        LiveCall call = callOfDial(e.getLinkedId(), e.getDestLinkedId());
        if (call == null) {
            return;
        }
        if (call.callId.equals(e.getDestUniqueId())) {
            call.dialStatus = e.getDialStatus();
            if ("ANSWER".equals(e.getDialStatus()) && call.answeredAt == null) {
                call.answeredAt = at;
            }
        }
        record(call, "DialEnd", at, e.getChannel(), fields("DestChannel", e.getDestChannel(),
                "DestUniqueid", e.getDestUniqueId(), "DialStatus", e.getDialStatus()));
        progressed(call, at);
    }

    private void onHangup(HangupEvent e, Instant at) {
        LiveCall call = lookup(byCallId, e.getLinkedId());
        if (call == null) {
            return;
        }
        HangupCause cause = new HangupCause(e.getCause() == null ? 0 : e.getCause(), e.getCauseTxt());
        if (e.getUniqueId().equals(call.dialedHalfId)) {
            call.dialedHalfCause = cause;
        } else if (e.getUniqueId().equals(call.callId)) {
            call.originatedCause = cause;
        }
        call.liveChannels.remove(e.getUniqueId());
        call.endedChannels.add(e.getUniqueId());
        call.lastHangupAt = at;
        record(call, "Hangup", at, e.getChannel(), fields("Uniqueid", e.getUniqueId(), "Cause", str(e.getCause()),
                "Cause-txt", e.getCauseTxt()));
        if (call.liveChannels.isEmpty() && call.originateResponded) {
            finish(call, at);
        }
    }

    private void onBridge(String name, String linkedId, String channel, String bridgeId, Instant at) {
        LiveCall call = lookup(byCallId, linkedId);
        if (call != null) {
            record(call, name, at, channel, fields("BridgeUniqueid", bridgeId));
        }
    }

    private void onUserEvent(AnyUserEvent e, Instant at) {
        LiveCall call = lookup(byCallId, e.linkedId());
        if (call == null) {
            return;
        }
        Map<String, String> custom = new LinkedHashMap<>();
        e.headers().forEach((k, v) -> {
            if (!STANDARD_USER_EVENT_HEADERS.contains(k)) {
                custom.put(k, v);
            }
        });
        record(call, "UserEvent:" + e.name(), at, e.getChannel(), custom);
    }

    /** A dial without a calling channel (the originate itself) names the call only in DestLinkedid. */
    private LiveCall callOfDial(String linkedId, String destLinkedId) {
        LiveCall call = lookup(byCallId, linkedId);
        return call != null ? call : lookup(byCallId, destLinkedId);
    }

    /** Events of other clients or of system channels may lack the key: they are simply not ours. */
    private static LiveCall lookup(Map<String, LiveCall> calls, String key) {
        return key == null ? null : calls.get(key);
    }

    private void record(LiveCall call, String name, Instant at, String channel, Map<String, String> fields) {
        sink.event(new CallEvent(call.callId, ++call.seq, name, at, channel, fields));
    }

    private void progressed(LiveCall call, Instant at) {
        CallStatus observed = call.observedStatus();
        if (call.written.canMoveTo(observed)) {
            call.written = observed;
            sink.progress(CallProgress.status(call.callId, call.tenantId, observed, call.ringingAt, call.answeredAt,
                    call.channel));
        }
        if (!call.liveChannels.isEmpty() || !call.originateResponded) {
            return;
        }
        // Asterisk refused before creating any channel (bad technology, unknown context): nothing more will come.
        if (!call.anyChannelSeen && call.originateReason != null && call.originateReason != 4) {
            finish(call, at);
        } else if (call.anyChannelSeen) {
            finish(call, at);
        }
    }

    private void finishOverdue() {
        long nowNanos = System.nanoTime();
        // A sweep over every live call; its deadlines are seconds long, ten sweeps a second is plenty.
        if (byCallId.isEmpty() || nowNanos - lastSweepNanos < SWEEP_INTERVAL_NANOS) {
            return;
        }
        lastSweepNanos = nowNanos;
        Instant now = clock.instant();
        for (LiveCall call : byCallId.values()) {
            if (call.anyChannelSeen && call.liveChannels.isEmpty() && !call.originateResponded
                    && call.lastHangupAt != null && call.lastHangupAt.plus(originateResponseGrace).isBefore(now)) {
                finish(call, call.lastHangupAt);
            } else if (!call.anyChannelSeen && !call.originateResponded
                    && nowNanos - call.followedSinceNanos > SILENT_CALL_LIMIT.toNanos()) {
                // Asterisk accepted the Originate and then never said a word about it (a restart
                // in between, or events lost before the bridge): waiting longer will not help.
                call.failureReason = "NO_EVENTS: Asterisk reported no channel and no OriginateResponse for this call"
                        + " within " + SILENT_CALL_LIMIT.toMinutes() + " minutes";
                finish(call, now);
            }
        }
    }

    private void finish(LiveCall call, Instant at) {
        if (byCallId.remove(call.callId) == null) {
            return;
        }
        byActionId.remove(call.actionId);
        remember(call.callId);
        Outcome outcome = call.cancelRequested()
                ? Outcome.canceled(call.answeredAt != null, call.cause())
                : Outcome.decide(call.answeredAt != null, call.dialStatus, call.originateReason, call.cause());
        Instant ended = call.lastHangupAt != null ? call.lastHangupAt : at;
        Integer ringSeconds = call.ringingAt == null ? 0 : seconds(call.ringingAt, call.answeredAt != null ? call.answeredAt : ended);
        Integer talkSeconds = call.answeredAt == null ? 0 : seconds(call.answeredAt, ended);
        call.written = outcome.status();
        sink.progress(new CallProgress(call.callId, call.tenantId, outcome.status(), outcome.disposition(),
                outcome.cause(), call.failureReason, call.ringingAt, call.answeredAt, ended, ringSeconds, talkSeconds,
                call.channel));
        metrics.outcome(outcome.status().name());
        onFinished.accept(new FinishedCall(call.callId, call.tenantId, outcome.status()));
    }

    private void remember(String callId) {
        long now = System.nanoTime();
        recentlyFinished.put(callId, now);
        finishedOrder.add(callId);
        for (String oldest; (oldest = finishedOrder.peek()) != null; ) {
            Long at = recentlyFinished.get(oldest);
            if (at != null && now - at < REMEMBER_FINISHED.toNanos()) {
                break;
            }
            finishedOrder.poll();
            recentlyFinished.remove(oldest);
        }
    }

    private static int seconds(Instant from, Instant to) {
        long millis = Math.max(0, Duration.between(from, to).toMillis());
        return (int) Math.round(millis / 1000.0);
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    /** Name/value pairs, nulls left out. */
    private static Map<String, String> fields(String... pairs) {
        Map<String, String> map = new HashMap<>(pairs.length);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put(pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
