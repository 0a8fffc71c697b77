package io.outcall.bridge.calls;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStore;
import io.outcall.core.call.CancelResult;
import io.outcall.core.call.ClaimResult;
import io.outcall.core.call.ClaimedCall;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cancel poll asks for this bridge's canceled calls, hands each on, and outlives DynamoDB errors. */
class CancelWatcherTest {

    /** Answers cancelRequests from a script: a failure for each leading null, then the lists given. */
    private static final class ScriptedCalls implements CallStore {
        private final List<List<String>> answers;
        private final AtomicInteger asked = new AtomicInteger();
        private final List<String> askedFor = new CopyOnWriteArrayList<>();

        ScriptedCalls(List<List<String>> answers) {
            this.answers = answers;
        }

        @Override
        public List<String> cancelRequests(String bridgeId) {
            askedFor.add(bridgeId);
            int i = Math.min(asked.getAndIncrement(), answers.size() - 1);
            if (answers.get(i) == null) {
                throw ProvisionedThroughputExceededException.builder().message("slow down").build();
            }
            return answers.get(i);
        }

        @Override public void create(Call call) { throw new UnsupportedOperationException(); }
        @Override public Optional<Call> find(String callId) { throw new UnsupportedOperationException(); }
        @Override public boolean fail(Call call, String reason, Instant at) { throw new UnsupportedOperationException(); }
        @Override public void stillWaiting(String callId, Instant at) { throw new UnsupportedOperationException(); }
        @Override public ClaimResult claim(String c, String t, String b, String a, Instant at) { throw new UnsupportedOperationException(); }
        @Override public void markOriginated(String callId, Instant at) { throw new UnsupportedOperationException(); }
        @Override public boolean advance(CallProgress progress) { throw new UnsupportedOperationException(); }
        @Override public boolean recordAmd(String c, String t, io.outcall.core.amd.AmdOutcome amd) { throw new UnsupportedOperationException(); }
        @Override public CancelResult cancel(String c, String t, Instant at) { throw new UnsupportedOperationException(); }
        @Override public List<ClaimedCall> liveOnBridge(String bridgeId) { throw new UnsupportedOperationException(); }
    }

    @Test
    void eachPollHandsOnEveryCanceledCallOfThisBridge() {
        ScriptedCalls calls = new ScriptedCalls(java.util.Arrays.asList(List.of("c-1", "c-2"), List.of("c-2")));
        List<String> handedOn = new CopyOnWriteArrayList<>();
        CancelWatcher watcher = new CancelWatcher(calls, "bridge-7", handedOn::add, null, Duration.ofSeconds(1));

        watcher.poll();
        watcher.poll();

        assertEquals(List.of("c-1", "c-2", "c-2"), handedOn, "repeats are the receiver's to take calmly");
        assertEquals(List.of("bridge-7", "bridge-7"), calls.askedFor);
    }

    @Test
    void aFailedQueryIsAskedAgainAtTheNextPoll() throws Exception {
        ScriptedCalls calls = new ScriptedCalls(java.util.Arrays.asList(null, null, List.of("c-9")));
        List<String> handedOn = new CopyOnWriteArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            CancelWatcher watcher = new CancelWatcher(calls, "bridge-7", handedOn::add, scheduler, Duration.ofMillis(10));
            watcher.start();

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (handedOn.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            watcher.stop();

            assertTrue(handedOn.contains("c-9"), "polling went on after two failed queries");
            assertTrue(calls.asked.get() >= 3);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
