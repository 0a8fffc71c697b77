package io.outcall.bench.throughput.child;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time per thread, polled in the background so threads that end during a run (an AMI
 * reader replaced after a reconnect) still count. Names with digits folded group the pools.
 */
final class ThreadCpu {
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Map<Long, Long> last = new ConcurrentHashMap<>();

    ThreadCpu start() {
        Thread.ofPlatform().daemon().name("thread-cpu-watch").start(() -> {
            while (true) {
                poll();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return this;
    }

    synchronized void poll() {
        long[] ids = threads.getAllThreadIds();
        for (var info : threads.getThreadInfo(ids)) {
            if (info != null) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    last.put(info.getThreadId(), cpu);
                    names.putIfAbsent(info.getThreadId(), info.getThreadName());
                }
            }
        }
    }

    Map<Long, Long> snapshot() {
        poll();
        return new java.util.HashMap<>(last);
    }

    /** Busiest thread groups since {@code before}, as % of one core over {@code seconds}. */
    String top(Map<Long, Long> before, double seconds, int limit) {
        Map<Long, Long> now = snapshot();
        Map<String, Long> byGroup = new java.util.HashMap<>();
        now.forEach((id, t) -> {
            String name = names.getOrDefault(id, "?").replaceAll("\\d+", "#").replace(' ', '_').replace(',', ';');
            byGroup.merge(name, t - before.getOrDefault(id, 0L), Long::sum);
        });
        return byGroup.entrySet().stream().filter(e -> e.getValue() > 5_000_000L)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(limit)
                .map(e -> e.getKey() + ":" + Math.round(100.0 * e.getValue() / 1e9 / Math.max(seconds, 1e-9)) + "%")
                .collect(java.util.stream.Collectors.joining(","));
    }
}
