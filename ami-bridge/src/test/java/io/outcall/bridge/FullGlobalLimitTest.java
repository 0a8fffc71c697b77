package io.outcall.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.pbxsim.OriginateGate;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Waiting for a global permit is not failing either. Two bridges, each with room for two calls,
 * and calls that talk for longer than the queue's visibility timeout: a bridge holding messages
 * it cannot start would see them received again (by itself or the other bridge) until
 * maxReceiveCount moves them to the dead-letter queue, never dialed. None may be, every call is
 * dialed exactly once, and neither bridge ever has more calls up than its limit.
 */
class FullGlobalLimitTest {

    private static final int CALLS = 12;
    private static final int LIMIT = 2;
    private static final int VISIBILITY_SECONDS = 3;
    /** Answered at once, and both ends wait 600 s (the Hold context): 6 s at the simulator's time scale. */
    private static final String LONG_CALL = "+17065551236";

    @Test
    void messagesWaitingForAFullGlobalLimitAreDialedOnceAndNeverDeadLettered() throws Exception {
        try (BridgeHarness harness = BridgeHarness.start();
             PbxSimulator hostA = PbxSimulator.start(BridgeHarness.simulator().timeScale(0.01).build());
             PbxSimulator hostB = PbxSimulator.start(BridgeHarness.simulator().timeScale(0.01).build())) {
            String deadLetters = harness.local.sqs().createQueue(b -> b.queueName("ShortDeadLetters")).queueUrl();
            String queueUrl = shortVisibilityQueue(harness, deadLetters);
            SqsOriginateQueue queue = new SqsOriginateQueue(harness.local.sqs(), queueUrl,
                    new OriginateMessageCodec(new ObjectMapper()));
            AtomicInteger mostUpOnA = watchLimit(hostA);
            AtomicInteger mostUpOnB = watchLimit(hostB);
            List<Call> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                Call call = harness.record(LONG_CALL, "Hold", 30);
                queue.send(OriginateMessage.of(call));
                calls.add(call);
            }

            try (BridgeHarness.RunningBridge a = harness.startBridge(harness.config(hostA, "bridge-a", queueUrl, LIMIT));
                 BridgeHarness.RunningBridge b = harness.startBridge(harness.config(hostB, "bridge-b", queueUrl, LIMIT))) {
                harness.awaitFinalOrDeadLettered(calls, deadLetters);
                assertEquals(0, harness.messagesOn(deadLetters), "no message waiting for a permit was dead-lettered");
                for (Call call : calls) {
                    Call done = harness.calls.find(call.callId()).orElseThrow();
                    assertEquals(CallStatus.COMPLETED, done.status(), call.callId());
                    Duration up = Duration.between(done.dialedAt(), done.endedAt());
                    assertTrue(up.toSeconds() >= VISIBILITY_SECONDS,
                            "each call held its slot longer than the visibility timeout: " + up);
                    int dialed = hostA.originateLedger().acceptedFor(call.callId())
                            + hostB.originateLedger().acceptedFor(call.callId());
                    assertEquals(1, dialed, "call " + call.callId() + " dialed once");
                }
                assertEquals(CALLS, a.metrics().originates.sum() + b.metrics().originates.sum());
            }
            assertTrue(mostUpOnA.get() <= LIMIT, "bridge A had " + mostUpOnA.get() + " calls up, its limit is " + LIMIT);
            assertTrue(mostUpOnB.get() <= LIMIT, "bridge B had " + mostUpOnB.get() + " calls up, its limit is " + LIMIT);
            assertEquals(LIMIT, Math.max(mostUpOnA.get(), mostUpOnB.get()), "the limit was reached, so it was held full");
        }
    }

    /** Visibility 3 s, maxReceiveCount 2: a message received three times is dead-lettered. */
    private static String shortVisibilityQueue(BridgeHarness harness, String deadLetters) {
        String dlqArn = harness.local.sqs().getQueueAttributes(b -> b.queueUrl(deadLetters)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        return harness.local.sqs().createQueue(b -> b.queueName("ShortVisibilityQueue").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_SECONDS),
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
    }

    /**
     * The most calls a host had up when an Originate reached it, that one included, as the
     * simulator counts them (a call is both halves of its Local channel). A call's channels are gone
     * before its bridge hears of its end, so this never counts fewer calls than the bridge did.
     */
    private static AtomicInteger watchLimit(PbxSimulator pbx) {
        AtomicInteger most = new AtomicInteger();
        pbx.originateGate(channelId -> {
            most.accumulateAndGet((pbx.liveChannelCount() + 1) / 2 + 1, Math::max);
            return OriginateGate.Decision.PROCEED;
        });
        return most;
    }
}
