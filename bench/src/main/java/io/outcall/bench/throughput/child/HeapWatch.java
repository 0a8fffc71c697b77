package io.outcall.bench.throughput.child;

import com.sun.management.GarbageCollectionNotificationInfo;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Heap used, sampled every 10 ms on its own thread (the peak between GCs is what -Xmx must
 * hold), plus the heap left after each GC (the live set) from GC notifications.
 */
final class HeapWatch {
    final AtomicLong runPeak = new AtomicLong();
    final AtomicLong globalPeak = new AtomicLong();
    final AtomicLong runPeakAfterGc = new AtomicLong();
    final AtomicLong globalPeakAfterGc = new AtomicLong();
    final AtomicLong gcCount = new AtomicLong();
    final AtomicLong gcPauseMillis = new AtomicLong();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());

    void start() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                            (CompositeData) notification.getUserData());
                    long after = 0;
                    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPoolNames.contains(e.getKey())) {
                            after += e.getValue().getUsed();
                        }
                    }
                    gcCount.incrementAndGet();
                    // Concurrent cycles report their whole duration; pauses are what the AMI reader feels.
                    if (!info.getGcName().contains("Concurrent")) {
                        gcPauseMillis.addAndGet(info.getGcInfo().getDuration());
                    }
                    max(runPeakAfterGc, after);
                    max(globalPeakAfterGc, after);
                }, null, null);
            }
        }
        Thread.ofPlatform().daemon().name("heap-watch").start(() -> {
            while (true) {
                long used = usedNow();
                max(runPeak, used);
                max(globalPeak, used);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    long usedNow() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    void resetRunPeak() {
        runPeak.set(usedNow());
        runPeakAfterGc.set(0);
    }

    private static void max(AtomicLong target, long value) {
        target.accumulateAndGet(value, Math::max);
    }
}
