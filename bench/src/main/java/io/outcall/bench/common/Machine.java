package io.outcall.bench.common;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every benchmark prints about the machine it ran on: figures here only mean something beside it. */
public final class Machine {

    private Machine() {
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** CPU time this JVM has used, all threads, or 0 where the JVM does not say. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
