package io.outcall.bridge.originate;

import io.outcall.bridge.ami.AmiLink;
import io.outcall.bridge.calls.CallTracker;
import io.outcall.bridge.calls.RetryPlan;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CallStore;
import io.outcall.core.call.ClaimResult;
import io.outcall.core.dnc.DoNotCallLookup;
import io.outcall.core.phone.MaskedNumber;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.RetryOpening;
import io.outcall.core.schedule.ScheduledCalls;
import io.outcall.core.window.CalleeTimeZones;
import io.outcall.core.window.CallingWindows;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Takes queued calls off SQS and dials them, at most once each.
 *
 * <p>For every message: look the number up on the do-not-call lists (a listed call ends FAILED,
 * undialed), check the call's calling window (a call that waited past its close goes back to
 * SCHEDULED, undialed), claim the message's attempt of the call with a conditional write (only one
 * claim ever succeeds; a stale message of an earlier attempt claims nothing), send the Originate, record that Asterisk accepted it, and only then delete the message. A crash
 * anywhere leaves either a message whose call is claimed (resolved by {@link Orphans}, never
 * re-dialed) or a claimed, originated call the next start finds by its bridge id.
 */
public final class OriginateConsumer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(OriginateConsumer.class);
    /** SQS long polling: an idle bridge asks once per this many seconds, a busy one gets messages at once. */
    public static final int LONG_POLL_SECONDS = 5;
    /** How long a message received while the AMI link is down waits before it is received again. */
    private static final int AMI_DOWN_PUT_BACK_SECONDS = 2;
    /**
     * A call turned away for its tenant's turn after waiting this long tells the store it is still
     * waiting, so the queued-call sweeper (whose threshold is minutes) never takes a long tenant
     * backlog for lost calls; younger ones cost no write.
     */
    private static final Duration STILL_WAITING_AFTER = Duration.ofMinutes(1);

    private final ReceivedMessages messages;
    private final DuplicateMessages duplicates;
    private final OriginateMessageCodec codec;
    private final CallStore calls;
    private final CallTracker tracker;
    private final AmiLink ami;
    private final Pacer pacer;
    private final OriginateActions actions;
    private final BooleanSupplier mayTakeCalls;
    private final ExecutorService afterOriginate;
    private final ExecutorService claimers;
    private final BridgeMetrics metrics;
    private final WindowGate windows;
    private final Clock clock;
    private final String bridgeId;
    private final DoNotCallGate doNotCall;
    private final RetryOpening retryOpening;
    private volatile boolean running = true;
    private volatile long lastReceiveOkMillis;
    /** Every global permit is taken: the consumer asks SQS for nothing until one is free. */
    private volatile boolean waitingForRoom;

    /**
     * @param doNotCall    the lists a number is looked up in just before the claim
     * @param scheduled    where a call whose calling window closed while it waited goes back to SCHEDULED;
     *                     null: such a call ends FAILED (OUTSIDE_CALLING_WINDOW), never dialed
     * @param retryOpening moves a retry's earliest start into the call's calling window
     */
    public OriginateConsumer(SqsClient sqs, String queueUrl, OriginateMessageCodec codec, CallStore calls,
                             CallTracker tracker, AmiLink ami, Pacer pacer, OriginateActions actions, Orphans orphans,
                             BooleanSupplier mayTakeCalls, ExecutorService claimers, ExecutorService afterOriginate,
                             BridgeMetrics metrics, Clock clock, String bridgeId, DoNotCallLookup doNotCall,
                             ScheduledCalls scheduled, RetryOpening retryOpening) {
        this.doNotCall = new DoNotCallGate(doNotCall, calls, metrics, clock);
        this.windows = new WindowGate(scheduled, new CallingWindows(new CalleeTimeZones()), clock);
        this.retryOpening = retryOpening;
        this.messages = new ReceivedMessages(sqs, queueUrl);
        this.duplicates = new DuplicateMessages(messages, tracker, ami, orphans, metrics, clock, bridgeId);
        this.codec = codec;
        this.calls = calls;
        this.tracker = tracker;
        this.ami = ami;
        this.pacer = pacer;
        this.actions = actions;
        this.mayTakeCalls = mayTakeCalls;
        this.claimers = claimers;
        this.afterOriginate = afterOriginate;
        this.metrics = metrics;
        this.clock = clock;
        this.bridgeId = bridgeId;
    }

    public void stop() {
        running = false;
    }

    /** When SQS last answered a receive, for /health; now while the consumer waits for room and asks nothing. */
    public long lastReceiveOkMillis() {
        return waitingForRoom ? clock.millis() : lastReceiveOkMillis;
    }

    /**
     * A received message is this bridge's for the queue's visibility timeout; held longer it is
     * received again, by this bridge or another, and each receive counts toward maxReceiveCount
     * although nothing failed. So the consumer takes no more messages than the global limits let
     * start within half that timeout (none while every slot is taken), and should a permit still
     * not come in time (a call adopted meanwhile), it puts the rest back as copies, whose receive
     * count starts again, for any bridge with room. Half: the claim and the Originate still have to
     * happen before the message is deleted.
     */
    @Override
    public void run() {
        Duration hold = messages.visibilityTimeout().dividedBy(2);
        while (running) {
            try {
                if (!ami.isUp() || !mayTakeCalls.getAsBoolean()) {
                    Thread.sleep(50);
                    continue;
                }
                int room = pacer.globalRoomWithin(hold);
                waitingForRoom = room == 0;
                if (waitingForRoom) {
                    // Calls last seconds: look again in 20 ms at most rather than spin on the pacer's lock.
                    long nanos = pacer.nanosUntilGlobalToken();
                    TimeUnit.NANOSECONDS.sleep(nanos > 0 ? Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(20))
                            : TimeUnit.MILLISECONDS.toNanos(20));
                    continue;
                }
                List<Message> received = messages.receive(LONG_POLL_SECONDS, room);
                lastReceiveOkMillis = clock.millis();
                Instant holdUntil = clock.instant().plus(hold);
                List<Future<?>> claiming = new ArrayList<>(received.size());
                List<ReceivedMessages.PutBack> notYet = new ArrayList<>();
                Set<String> inThisReceive = new HashSet<>();
                for (int i = 0; i < received.size(); i++) {
                    Message message = received.get(i);
                    OriginateMessage call = decode(message);
                    if (call == null) {
                        continue;
                    }
                    if (!inThisReceive.add(call.callId())) {
                        // A second copy of a call this receive claims now: it comes back once the
                        // tracker follows the call, and is a plain duplicate then.
                        messages.delay(message, 5);
                        continue;
                    }
                    if (!ami.isUp()) {
                        // The link went down after the long poll began: not claimed, so not failed
                        // either; the call waits on the queue until Asterisk is back.
                        notYet.add(new ReceivedMessages.PutBack(message, AMI_DOWN_PUT_BACK_SECONDS));
                        continue;
                    }
                    Pacer.Verdict verdict = awaitPermit(call, holdUntil);
                    if (verdict == Pacer.Verdict.WAIT_TENANT) {
                        // This tenant is at its limit: let other tenants' calls pass, look at this one in its turn.
                        metrics.tenantDeferrals.increment();
                        notYet.add(ReceivedMessages.PutBack.after(message, pacer.untilTurn(call.tenantId())));
                        if (waitedLongerThan(call, STILL_WAITING_AFTER)) {
                            afterOriginate.execute(() -> stillWaiting(call.callId())); // never ahead of claims
                        }
                        continue;
                    }
                    if (verdict != Pacer.Verdict.GO) {
                        List<Message> rest = received.subList(i, received.size());
                        if (running) {
                            // Held as long as their visibility allows: copies, for a bridge with room.
                            rest.stream().filter(m -> decode(m) != null)
                                    .forEach(m -> notYet.add(new ReceivedMessages.PutBack(m, 1)));
                        } else {
                            // Stopping: the rest goes straight back for another bridge.
                            messages.handBack(rest);
                        }
                        break;
                    }
                    // A claim is a DynamoDB round trip: the calls of one receive are claimed side by side.
                    claiming.add(claimers.submit(() -> claimAndOriginate(message, call)));
                }
                messages.putBack(notYet);
                awaitAll(claiming);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("receiving from the originate queue failed ({}); retrying", e.getMessage());
                sleepQuietly(1000);
            }
        }
    }

    /** @return the message's call, or null when it is not an originate message (left for the dead-letter queue) */
    private OriginateMessage decode(Message message) {
        try {
            return codec.decode(message.body());
        } catch (OriginateMessageCodec.MalformedMessageException e) {
            // Left on the queue: after maxReceiveCount SQS moves it to the dead-letter queue for a human.
            log.error("message {} is not an originate message ({}); leaving it for the dead-letter queue",
                    message.messageId(), e.getMessage());
            return null;
        }
    }

    private boolean waitedLongerThan(OriginateMessage call, Duration wait) {
        try {
            return Instant.parse(call.createdAt()).plus(wait).isBefore(clock.instant());
        } catch (DateTimeParseException | NullPointerException unreadable) {
            return true; // an older message without a readable time: telling the store is harmless
        }
    }

    private void stillWaiting(String callId) {
        try {
            calls.stillWaiting(callId, clock.instant());
        } catch (RuntimeException e) {
            // Only the sweeper's clock misses this; the call itself waits on the queue as before.
            log.warn("call {}: could not record that it still waits for its tenant's turn: {}", callId, e.toString());
        }
    }

    /**
     * Runs on the claimers pool, with a pacing permit already taken for the call; a number on a
     * do-not-call list by now is not claimed, let alone dialed ({@link DoNotCallGate}). The receive
     * loop waits for every claim of a receive before the next, so a copy of this call in a later
     * receive finds the tracker following it.
     */
    private void claimAndOriginate(Message message, OriginateMessage call) {
        DoNotCallGate.Verdict listed = doNotCall.check(call);
        if (listed != DoNotCallGate.Verdict.CLAIM) {
            pacer.finished(call.tenantId());
            if (listed == DoNotCallGate.Verdict.FAILED) {
                messages.delete(message);
            }
            return;
        }
        WindowGate.Verdict window;
        try {
            window = windows.check(call);
        } catch (RuntimeException e) {
            pacer.finished(call.tenantId());
            log.warn("checking call {} against its calling window failed ({}); its message will come back",
                    call.callId(), e.getMessage());
            return;
        }
        if (window == WindowGate.Verdict.RESCHEDULED) {
            pacer.finished(call.tenantId());
            messages.delete(message);
            metrics.windowReschedules.increment();
            return;
        }
        ClaimResult claim;
        try {
            claim = calls.claim(call.callId(), call.tenantId(), bridgeId,
                    OriginateActions.actionId(call.callId(), call.attempt()), call.attempt(), clock.instant());
        } catch (RuntimeException e) {
            // Nothing claimed, nothing dialed: the message comes back after its visibility timeout.
            pacer.finished(call.tenantId());
            log.warn("claiming call {} failed ({}); its message will come back", call.callId(), e.getMessage());
            return;
        }
        if (claim.outcome() != ClaimResult.Outcome.CLAIMED) {
            pacer.finished(call.tenantId());
            if (canceledWhileQueued(claim)) {
                log.info("call {} was canceled before dialing; not dialed", call.callId());
                messages.delete(message);
                metrics.canceledBeforeDialing.increment();
                return;
            }
            duplicates.resolve(message, call, claim);
            return;
        }
        // The message's expiry, or for a version-1 message the one intake stored on the call.
        Instant timelineExpiresAt = call.timelineExpiresAt() != null ? Instant.ofEpochSecond(call.timelineExpiresAt())
                : claim.call() == null ? null : claim.call().timelineExpiresAt();
        String channelId = OriginateActions.channelId(call.callId(), call.attempt());
        tracker.expect(call.callId(), channelId, call.attempt(),
                new RetryPlan(call.retry(), earliest -> retryOpening.notBefore(call, earliest)), call.tenantId(),
                OriginateActions.actionId(channelId), OriginateActions.dialedHalfId(channelId), timelineExpiresAt);
        if (window == WindowGate.Verdict.CLOSED) {
            tracker.refused(call.callId(), windows.closedReason(call));
            messages.delete(message);
            return;
        }
        OriginateAction action;
        try {
            action = actions.build(call);
        } catch (OriginateActions.UnsafeMessageException e) {
            tracker.refused(call.callId(), "UNSAFE_MESSAGE: " + e.getMessage());
            messages.delete(message);
            return;
        }
        try {
            ami.originate(action, response -> afterOriginate.execute(() -> originated(message, call, response)));
        } catch (IOException | RuntimeException e) {
            // Claimed and not sent: at most once means it is not tried again.
            metrics.originateErrors.increment();
            tracker.refused(call.callId(), "AMI_UNAVAILABLE: the Originate could not be sent (" + e.getMessage()
                    + "); the call was not dialed");
            messages.delete(message);
        }
    }

    private static void awaitAll(List<Future<?>> futures) throws InterruptedException {
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                log.error("claiming a call failed unexpectedly", e.getCause());
            }
        }
    }

    private void originated(Message message, OriginateMessage call, ManagerResponse response) {
        if (response instanceof ManagerError error) {
            metrics.originateErrors.increment();
            tracker.refused(call.callId(), "ORIGINATE_REFUSED: " + error.getMessage());
        } else {
            metrics.originates.increment();
            metrics.originateAccepted(call.createdAt());
            calls.markOriginated(call.callId(), clock.instant());
            // The operator's one line for QUEUED -> DIALING; later changes are logged as they are written.
            log.info("call {} DIALING {} for tenant {}", call.callId(), MaskedNumber.of(call.to()), call.tenantId());
        }
        messages.delete(message);
    }

    /**
     * The tenant canceled the call while its message waited: it is final already, and no bridge
     * ever claimed it. A call canceled after a claim is a duplicate message like any other.
     */
    private static boolean canceledWhileQueued(ClaimResult claim) {
        return claim.outcome() == ClaimResult.Outcome.NOT_QUEUED && claim.call().status() == CallStatus.CANCELED
                && claim.bridgeId() == null;
    }

    /**
     * Waits out the global limits. GO: a permit is taken. WAIT_TENANT, at once: only the tenant's
     * own limit stands in the way. WAIT_GLOBAL: the consumer was stopped while waiting, or
     * {@code until} came first.
     */
    private Pacer.Verdict awaitPermit(OriginateMessage call, Instant until) throws InterruptedException {
        Pacer.TenantLimits limits = call.limits() == null ? null
                : new Pacer.TenantLimits(call.limits().callsPerSecond(), call.limits().concurrentCalls());
        while (running) {
            Pacer.Verdict verdict = pacer.tryStart(call.tenantId(), limits);
            if (verdict != Pacer.Verdict.WAIT_GLOBAL || !clock.instant().isBefore(until)) {
                return verdict;
            }
            // No rate token to wait for means every concurrent slot is taken: calls last
            // seconds, so look again in 20 ms rather than spin on the pacer's lock.
            long nanos = pacer.nanosUntilGlobalToken();
            TimeUnit.NANOSECONDS.sleep(nanos > 0 ? nanos : TimeUnit.MILLISECONDS.toNanos(20));
        }
        return Pacer.Verdict.WAIT_GLOBAL;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
