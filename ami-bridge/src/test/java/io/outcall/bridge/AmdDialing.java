package io.outcall.bridge;

import io.outcall.core.amd.AmdMode;
import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.amd.AmdParameters;
import io.outcall.core.amd.AmdSettings;
import io.outcall.core.amd.VoicemailMessage;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.dynamo.DynamoCallStatsStore;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.stats.CallStats;
import io.outcall.core.stats.CallStatsQuery;
import io.outcall.core.stats.StatsBucket;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls with answering-machine detection queued as intake queues them (a version 3 message), to the
 * simulator's AMD far ends (README "AMD contract": numbers ending 61, 62, 63; an answering far end
 * without audio is not sure), and what the bridge should record of each.
 */
final class AmdDialing {

    /** The far ends, with what app_amd reports for each (the transcripts 40, 41, 43, 45). */
    enum FarEnd {
        HUMAN("+17065554061", "HUMAN", "HUMAN-800-800", "human", "call.human_detected"),
        MACHINE("+17065554162", "MACHINE", "LONGGREETING-1500-1500", "machine", "call.machine_detected"),
        NOT_SURE("+17065554566", "NOTSURE", "TOOLONG-4900", "notSure", null),
        HANGUP("+17065554363", "HANGUP", "", "hangup", null);

        final String number;
        final String amdStatus;
        final String amdCause;
        final String answeredBy;
        /** The webhook event of the result; null: none (the record and call.completed carry it). */
        final String detectedEvent;

        FarEnd(String number, String amdStatus, String amdCause, String answeredBy, String detectedEvent) {
            this.number = number;
            this.amdStatus = amdStatus;
            this.amdCause = amdCause;
            this.answeredBy = answeredBy;
            this.detectedEvent = detectedEvent;
        }

        /** Whether the dialplan leaves the message: only a machine, only with leaveMessage. */
        boolean getsTheMessage(AmdMode mode) {
            return this == MACHINE && mode == AmdMode.LEAVE_MESSAGE;
        }
    }

    /** The README's curl session: leaveMessage with the simulator's prompt, the rest at app_amd's defaults. */
    static final VoicemailMessage MESSAGE = new VoicemailMessage("outcall-test/message",
            VoicemailMessage.DEFAULT_WAIT_FOR_SILENCE_MS);

    private final BridgeHarness harness;
    private final CallId ids = CallId.systemGenerator();

    AmdDialing(BridgeHarness harness) {
        this.harness = harness;
    }

    static AmdSettings settings(AmdMode mode) {
        return new AmdSettings(mode, AmdParameters.DEFAULTS, mode == AmdMode.LEAVE_MESSAGE ? MESSAGE : null);
    }

    /** Records and queues a DynamicIVR call of {@code tenantId} with {@code amd} (null: without AMD). */
    Call queue(String tenantId, String to, AmdSettings amd) {
        Call call = Call.queued(ids.next(), tenantId, to, "+14045550100", "did-main", "Acme", "+14045550199", "DynamicIVR",
                Map.of("ORDER_ID", "A-17"), 30, Instant.now(), null, null).withAmd(amd);
        harness.calls.create(call);
        harness.queue.send(OriginateMessage.of(call));
        return call;
    }

    /** A tenant's statistics summed over the day around now (every call of a test falls in it). */
    StatsBucket stats(String tenantId) {
        Instant now = Instant.now();
        return new CallStats(new DynamoCallStatsStore(harness.local.dynamoDb(), "CallStatsTable")).report(tenantId,
                CallStatsQuery.parse(Map.of("from", now.minus(Duration.ofHours(12)).toString(),
                        "to", now.plus(Duration.ofHours(12)).toString()), now)).total();
    }

    /**
     * What the bridge must record of a call to {@code farEnd} dialed with {@code mode}: Asterisk answered,
     * so the outcome is the one without AMD; who answered is beside it.
     */
    static void assertRecorded(Call done, FarEnd farEnd, AmdMode mode) {
        assertEquals(CallStatus.COMPLETED, done.status(), "AMD never changes Asterisk's outcome");
        assertEquals(Disposition.ANSWERED, done.disposition());
        assertEquals(16, done.hangupCause().code());
        assertNull(done.failureReason());
        assertEquals(mode, done.amd().mode(), "the call keeps the settings it was dialed with");
        AmdOutcome amd = done.amdOutcome();
        assertNotNull(amd, "the AMD result is on the record");
        assertEquals(farEnd.amdStatus, amd.status());
        assertEquals(farEnd.amdCause, amd.cause());
        assertEquals(farEnd.answeredBy, amd.answeredBy().json());
        assertNotNull(amd.detectedAt());
        assertNotNull(amd.millis(), "answer to result");
        assertTrue(amd.millis() >= 0, () -> "amdMillis " + amd.millis());
        assertEquals(farEnd.getsTheMessage(mode), amd.voicemailLeft(), "voicemailLeft only for a machine with leaveMessage");
        if (amd.voicemailLeft()) {
            assertTrue(!amd.voicemailLeftAt().isBefore(amd.detectedAt()), "the message follows the detection");
            assertTrue(!done.endedAt().isBefore(amd.voicemailLeftAt()), "and comes before the end");
        }
    }
}
