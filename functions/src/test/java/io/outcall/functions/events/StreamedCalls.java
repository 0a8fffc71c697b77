package io.outcall.functions.events;

import io.outcall.core.amd.AmdMode;
import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.amd.AmdParameters;
import io.outcall.core.amd.AmdSettings;
import io.outcall.core.amd.VoicemailMessage;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.call.JourneyRef;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.localaws.DynamoStreamTail;
import io.outcall.localaws.StreamEventJson;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Calls written through the real call store, and the calls table's stream read back from the same
 * backend (DynamoDB Local's or LocalStack's) as the JSON events Lambda would hand the publisher.
 */
final class StreamedCalls {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration STREAM_PATIENCE = Duration.ofSeconds(30);

    /** A simulated outcome: the statuses a call passes through, as the bridge writes them. */
    enum Outcome {
        ANSWERED(CallStatus.COMPLETED, Disposition.ANSWERED, new HangupCause(16, "Normal Clearing")),
        BUSY(CallStatus.BUSY, Disposition.BUSY, new HangupCause(17, "User busy")),
        NO_ANSWER(CallStatus.NO_ANSWER, Disposition.NO_ANSWER, new HangupCause(19, "No answer")),
        FAILED(CallStatus.FAILED, Disposition.CONGESTION, new HangupCause(34, "Circuit/channel congestion"));

        final CallStatus end;
        final Disposition disposition;
        final HangupCause cause;

        Outcome(CallStatus end, Disposition disposition, HangupCause cause) {
            this.end = end;
            this.disposition = disposition;
            this.cause = cause;
        }

        List<CallStatus> statuses() {
            return this == ANSWERED ? List.of(CallStatus.QUEUED, CallStatus.DIALING, CallStatus.RINGING,
                    CallStatus.ANSWERED, end) : List.of(CallStatus.QUEUED, CallStatus.DIALING, CallStatus.RINGING, end);
        }
    }

    private final DynamoCallStore calls;
    private final io.outcall.core.dynamo.DynamoRecordingStore recordings;
    private final DynamoStreamTail stream;

    StreamedCalls(EventBackends aws) {
        this.calls = new DynamoCallStore(aws.dynamoDb(), "CallsTable", "CallStatsTable");
        this.recordings = new io.outcall.core.dynamo.DynamoRecordingStore(aws.dynamoDb(), "CallsTable");
        this.stream = new DynamoStreamTail(aws.dynamoDb(), aws.streams(), "CallsTable", true);
    }

    /** Writes one call from QUEUED to the outcome's end; returns its id. */
    String place(String tenantId, Outcome outcome, String taskToken) {
        String callId = "01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase();
        calls.create(Call.queued(callId, tenantId, "+14045550123", "+14045550100", "did-1", null, null, "DynamicIVR",
                Map.of(), 30, T0, taskToken == null ? null : new JourneyRef("j-1", "e-1", "call", taskToken), null));
        dial(callId, tenantId, outcome);
        return callId;
    }

    /** Takes a QUEUED call through the bridge's writes to the outcome's end. */
    void dial(String callId, String tenantId, Outcome outcome) {
        calls.claim(callId, tenantId, "bridge-1", "action-1", T0.plusSeconds(1));
        calls.advance(CallProgress.status(callId, tenantId, CallStatus.RINGING, T0.plusSeconds(2), null, "chan"));
        if (outcome == Outcome.ANSWERED) {
            calls.advance(CallProgress.status(callId, tenantId, CallStatus.ANSWERED, null, T0.plusSeconds(5), null));
        }
        calls.advance(new CallProgress(callId, tenantId, outcome.end, outcome.disposition, outcome.cause, null, null,
                null, T0.plusSeconds(20), 3, outcome == Outcome.ANSWERED ? 15 : null, null));
    }

    /**
     * A call answered by a machine that got the message, as the bridge writes it: the result while
     * it is live, the message left, then the end carrying both. Seven stream records.
     */
    String placeMachineThatGotTheMessage(String tenantId) {
        String callId = "01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase();
        calls.create(Call.queued(callId, tenantId, "+14045550123", "+14045550100", "did-1", null, null, "DynamicIVR",
                Map.of(), 30, T0, null, null).withAmd(new AmdSettings(AmdMode.LEAVE_MESSAGE, AmdParameters.DEFAULTS,
                new VoicemailMessage("outcall/reminder", 1500))));
        calls.claim(callId, tenantId, "bridge-1", "action-1", T0.plusSeconds(1));
        calls.advance(CallProgress.status(callId, tenantId, CallStatus.RINGING, T0.plusSeconds(2), null, "chan"));
        calls.advance(CallProgress.status(callId, tenantId, CallStatus.ANSWERED, null, T0.plusSeconds(5), null));
        AmdOutcome detected = new AmdOutcome("MACHINE", "LONGGREETING-1500-1500", T0.plusMillis(7181), 2181, null);
        calls.recordAmd(callId, tenantId, detected);
        AmdOutcome left = new AmdOutcome("MACHINE", "LONGGREETING-1500-1500", T0.plusMillis(7181), 2181,
                T0.plusMillis(15_579));
        calls.recordAmd(callId, tenantId, left);
        calls.advance(new CallProgress(callId, tenantId, CallStatus.COMPLETED, Disposition.ANSWERED,
                new HangupCause(16, "Normal Clearing"), null, null, null, T0.plusSeconds(16), 3, 11, null, left));
        return callId;
    }

    /**
     * A recorded call answered and ended, then its recording stored, as the bridge writes them:
     * six stream records, the last only adding {@code recording}.
     */
    String placeRecorded(String tenantId) {
        String callId = "01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase();
        calls.create(Call.queued(callId, tenantId, "+14045550123", "+14045550100", "did-1", null, null, "DynamicIVR",
                Map.of(), 30, T0, null, null).withRecord(true));
        dial(callId, tenantId, Outcome.ANSWERED);
        recordings.stored(callId, tenantId, new io.outcall.core.recording.Recording(15, 240_044, T0.plusSeconds(22)));
        return callId;
    }

    DynamoCallStore store() {
        return calls;
    }

    /** The stream's records from the last call on, at least {@code atLeast} of them, as one Lambda event. */
    String nextEvent(int atLeast) {
        List<Record> records = new ArrayList<>();
        // DynamoDB Local makes a write visible on its stream at once, LocalStack a moment later:
        // poll until the records are there (each poll is a round trip), giving up after a while.
        Instant giveUp = Instant.now().plus(STREAM_PATIENCE);
        while (records.size() < atLeast && Instant.now().isBefore(giveUp)) {
            records.addAll(stream.poll());
        }
        if (records.size() < atLeast) {
            throw new AssertionError("the stream held " + records.size() + " records, expected " + atLeast);
        }
        return StreamEventJson.lambdaEvent(records, stream.streamArn());
    }
}
