package io.outcall.bench.logs;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.call.JourneyRef;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** Draws the seed's calls: when each was created, and how it went, as the bridge would have left it. */
final class CallGenerator {

    private final Instant now;
    private final int days;

    /** @param days how far back calls go */
    CallGenerator(Instant now, int days) {
        this.now = now;
        this.days = days;
    }

    /** A creation time in the last {@code days} days, weighted to the tenant's business hours and weekdays. */
    Instant createdAt(SeedTenant tenant, SplittableRandom r) {
        long spanMillis = Duration.ofDays(days).toMillis();
        while (true) {
            Instant at = now.minusMillis(1 + r.nextLong(spanMillis));
            LocalDateTime local = LocalDateTime.ofInstant(at, ZoneOffset.ofHours(tenant.utcOffsetHours()));
            int hour = local.getHour();
            double weight = hour >= 9 && hour < 17 ? 1.0
                    : hour == 8 || hour == 17 || hour == 18 ? 0.5
                    : hour == 7 || hour == 19 || hour == 20 ? 0.15 : 0.03;
            DayOfWeek day = local.getDayOfWeek();
            weight *= day == DayOfWeek.SATURDAY ? 0.25 : day == DayOfWeek.SUNDAY ? 0.1 : 1.0;
            if (r.nextDouble() < weight) {
                return at;
            }
        }
    }

    /**
     * A call as the bridge leaves it. Its timeline is drawn in full; when the call would end after
     * now, it is still live and keeps only what happened by now (so the newest calls may be
     * QUEUED, DIALING, RINGING or ANSWERED, and are not counted in statistics).
     */
    Call call(SeedTenant t, String callId, Instant createdAt, SplittableRandom r) {
        String to = t.pickNumber(r);
        int didIndex = r.nextInt(t.dids().size());
        JourneyRef journey = null;
        Map<String, String> variables = new LinkedHashMap<>();
        if (r.nextDouble() < 0.45) {
            String journeyId = "journey-" + t.index() + "-" + (1 + r.nextInt(t.journeys()));
            journey = new JourneyRef(journeyId, "exec-" + Long.toHexString(r.nextLong()), "call-" + (1 + r.nextInt(3)));
            variables.put("campaign", journeyId);
        } else if (r.nextDouble() < 0.4) {
            variables.put("ticket", "T-" + (100_000 + r.nextInt(900_000)));
        }
        if (r.nextDouble() < 0.3) {
            variables.put("language", r.nextDouble() < 0.8 ? "en" : "es");
        }
        String idempotencyKey = r.nextDouble() < 0.6 ? Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()) : null;
        String transfer = t.context().equals("DynamicIVR") ? t.dids().get(0) : null;

        CallStatus status;
        Disposition disposition;
        HangupCause cause = null;
        String failureReason = null;
        Instant dialed = null;
        Instant ringing = null;
        Instant answered = null;
        Instant ended;
        Instant cancelRequested = null;
        Integer ringSeconds = null;
        Integer talkSeconds = null;
        String channel = null;
        double u = r.nextDouble();
        if (u < 0.005) {
            status = CallStatus.FAILED;
            disposition = Disposition.FAILED;
            failureReason = "QUEUE_UNAVAILABLE: the call could not be queued for dialing";
            ended = createdAt.plusMillis(40 + r.nextInt(300));
        } else if (u < 0.035) {
            status = CallStatus.CANCELED;
            disposition = Disposition.CANCELED;
            cancelRequested = createdAt.plusMillis(300 + r.nextInt(20_000));
            ended = cancelRequested;
        } else {
            // Usually dialed within half a second; now and then behind a backlog.
            dialed = createdAt.plusMillis(60 + r.nextInt(500) + (r.nextDouble() < 0.05 ? r.nextInt(60_000) : 0));
            channel = String.format(Locale.ROOT, "PJSIP/carrier-%08x", r.nextInt());
            Instant rings = dialed.plusMillis(800 + r.nextInt(2_700));
            if (u < 0.075) {
                status = CallStatus.CANCELED;
                disposition = Disposition.CANCELED;
                cause = new HangupCause(16, "Normal Clearing");
                ringing = rings;
                ringSeconds = 2 + r.nextInt(t.ringTimeoutSeconds() - 4);
                ended = ringing.plusSeconds(ringSeconds).plusMillis(r.nextInt(1000));
                cancelRequested = ended.minusMillis(150 + r.nextInt(400));
            } else if (u < 0.595) {
                status = CallStatus.COMPLETED;
                disposition = Disposition.ANSWERED;
                cause = new HangupCause(16, "Normal Clearing");
                ringing = rings;
                ringSeconds = Math.min(t.ringTimeoutSeconds() - 1, 2 + (int) exponential(r, 7));
                answered = ringing.plusSeconds(ringSeconds).plusMillis(r.nextInt(1000));
                double talk = r.nextDouble();
                talkSeconds = talk < 0.2 ? 1 + r.nextInt(10)
                        : talk < 0.9 ? 10 + (int) exponential(r, 70) : 300 + (int) exponential(r, 400);
                talkSeconds = Math.min(talkSeconds, 3_600);
                ended = answered.plusSeconds(talkSeconds).plusMillis(r.nextInt(1000));
            } else if (u < 0.835) {
                status = CallStatus.NO_ANSWER;
                disposition = Disposition.NO_ANSWER;
                cause = new HangupCause(19, "User alerting, no answer");
                ringing = rings;
                ringSeconds = t.ringTimeoutSeconds() - r.nextInt(2);
                ended = ringing.plusSeconds(ringSeconds).plusMillis(r.nextInt(300));
            } else if (u < 0.915) {
                status = CallStatus.BUSY;
                disposition = Disposition.BUSY;
                cause = new HangupCause(17, "User busy");
                if (r.nextDouble() < 0.4) {
                    ringing = rings;
                    ringSeconds = 1 + r.nextInt(6);
                    ended = ringing.plusSeconds(ringSeconds).plusMillis(r.nextInt(500));
                } else {
                    ended = dialed.plusMillis(500 + r.nextInt(3_000));
                }
            } else if (u < 0.955) {
                status = CallStatus.FAILED;
                disposition = Disposition.CONGESTION;
                cause = new HangupCause(34, "Circuit/channel congestion");
                ended = dialed.plusMillis(200 + r.nextInt(2_000));
            } else {
                status = CallStatus.FAILED;
                disposition = Disposition.FAILED;
                double which = r.nextDouble();
                cause = which < 0.7 ? new HangupCause(1, "Unallocated (unassigned) number")
                        : which < 0.9 ? new HangupCause(21, "Call Rejected")
                        : new HangupCause(28, "Invalid number format (address incomplete)");
                ended = dialed.plusMillis(200 + r.nextInt(1_500));
            }
        }
        long version = 2 + (dialed == null ? 0 : 1) + (ringing == null ? 0 : 1) + (answered == null ? 0 : 1);
        if (ended.isAfter(now)) {
            // Still live: keep what happened by now.
            disposition = null;
            cause = null;
            failureReason = null;
            if (cancelRequested != null && cancelRequested.isAfter(now)) {
                cancelRequested = null;
            }
            if (answered != null && !answered.isAfter(now)) {
                status = CallStatus.ANSWERED;
                talkSeconds = null;
                version = 4;
            } else if (ringing != null && !ringing.isAfter(now)) {
                status = CallStatus.RINGING;
                answered = null;
                ringSeconds = null;
                talkSeconds = null;
                version = 3;
            } else if (dialed != null && !dialed.isAfter(now)) {
                status = CallStatus.DIALING;
                ringing = null;
                answered = null;
                ringSeconds = null;
                talkSeconds = null;
                version = 2;
            } else {
                status = CallStatus.QUEUED;
                dialed = null;
                ringing = null;
                answered = null;
                ringSeconds = null;
                talkSeconds = null;
                channel = null;
                version = 1;
            }
            ended = null;
        }
        return new Call.Builder().callId(callId).tenantId(t.id()).to(to).from(t.dids().get(didIndex))
                .didId("did-" + (didIndex + 1)).callerName(t.callerName()).transferNumber(transfer).context(t.context())
                .variables(variables).ringTimeoutSeconds(t.ringTimeoutSeconds()).status(status).disposition(disposition)
                .hangupCause(cause).failureReason(failureReason).createdAt(createdAt).dialedAt(dialed).ringingAt(ringing)
                .answeredAt(answered).endedAt(ended).cancelRequestedAt(cancelRequested).ringSeconds(ringSeconds)
                .talkSeconds(talkSeconds).journey(journey).idempotencyKey(idempotencyKey).channel(channel)
                .version(version).build();
    }

    private static double exponential(SplittableRandom r, double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }
}
