package io.outcall.bench.throughput;

import io.outcall.bench.throughput.child.BenchCalls;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.dynamo.DynamoCallStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What DynamoDB Local itself does on this machine, before the bridge starts: PutItem from 8 threads,
 * conditional claims (the consumer's UpdateItem) one at a time, as the consumer issues them, and from 8 threads.
 */
record DynamoProbe(double putsPerSecond, double serialClaimsPerSecond, double parallelClaimsPerSecond) {

    static DynamoProbe run(DynamoCallStore store, CallId ids, AtomicLong numbers) throws InterruptedException, ExecutionException {
        int serial = 500;
        int parallel = 2000;
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < serial + parallel; i++) {
            calls.add(BenchCalls.queued(ids, "probe", BenchCalls.number(numbers.incrementAndGet(), '6'), "FastHangup", Instant.now()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            long t0 = System.nanoTime();
            awaitAll(calls.stream().<Future<?>>map(call -> pool.submit(() -> store.create(call))).toList());
            double putsPerSecond = calls.size() / ((System.nanoTime() - t0) / 1e9);
            Instant now = Instant.now();
            t0 = System.nanoTime();
            for (Call call : calls.subList(0, serial)) {
                store.claim(call.callId(), "probe", "probe", "orig-" + call.callId(), now);
            }
            double serialPerSecond = serial / ((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            awaitAll(calls.subList(serial, calls.size()).stream().<Future<?>>map(call -> pool.submit(
                    () -> store.claim(call.callId(), "probe", "probe", "orig-" + call.callId(), now))).toList());
            double parallelPerSecond = parallel / ((System.nanoTime() - t0) / 1e9);
            return new DynamoProbe(putsPerSecond, serialPerSecond, parallelPerSecond);
        } finally {
            pool.shutdown();
        }
    }

    private static void awaitAll(List<Future<?>> futures) throws InterruptedException, ExecutionException {
        for (Future<?> f : futures) {
            f.get();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DynamoDB Local capacity probe (this JVM, nothing else running): PutItem %.0f/s from 8"
                        + " threads; conditional claim %.0f/s one at a time (%.1f ms each, as the consumer does it), %.0f/s from 8 threads",
                putsPerSecond, serialClaimsPerSecond, 1000 / serialClaimsPerSecond, parallelClaimsPerSecond);
    }
}
