package io.outcall.bench.soak;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStore;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Waits, up to a deadline, until every call placed is final and the originate queue is empty.
 * A message in flight when the bridge died comes back only after the queue's visibility timeout,
 * so the deadline is that timeout plus the longest call plus a margin: bounded, never a fixed sleep.
 */
final class Drain {

    private static final List<QueueAttributeName> DEPTH = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

    private final CallStore calls;
    private final SqsClient sqs;
    private final String queueUrl;
    private final PrintStream out;

    Drain(CallStore calls, SqsClient sqs, String queueUrl, PrintStream out) {
        this.calls = calls;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.out = out;
    }

    /** @return the calls still not final at the deadline (none when all went well) */
    Set<String> awaitFinal(List<String> callIds, Duration deadline) throws InterruptedException {
        Set<String> pending = new LinkedHashSet<>(callIds);
        long start = System.nanoTime();
        long until = start + deadline.toNanos();
        long nextReport = start;
        while (true) {
            pending.removeIf(id -> calls.find(id).map(Call::status).map(s -> s.isFinal()).orElse(false));
            long onQueue = queueDepth();
            if (pending.isEmpty() && onQueue == 0) {
                out.printf("drained in %.1f s: every call final, the queue empty%n", (System.nanoTime() - start) / 1e9);
                return pending;
            }
            if (System.nanoTime() > until) {
                out.printf("drain deadline (%d s) passed: %d calls not final, %d messages on the queue%n",
                        deadline.toSeconds(), pending.size(), onQueue);
                return pending;
            }
            if (System.nanoTime() >= nextReport) {
                out.printf("draining: %d calls not final, %d messages on the queue (in flight ones return after"
                        + " the visibility timeout)%n", pending.size(), onQueue);
                nextReport = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            }
            Thread.sleep(250);
        }
    }

    private long queueDepth() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(DEPTH)).attributes();
        return DEPTH.stream().mapToLong(name -> Long.parseLong(attributes.getOrDefault(name, "0"))).sum();
    }
}
