package io.outcall.bench.throughput;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** bench/bridge-throughput's arguments; {@code --help} lists them. */
final class ThroughputOptions {

    static final String USAGE = "usage: bench/bridge-throughput [--calls N] [--live N] [--rates R1,R2,...] [--step-seconds S]"
            + " [--warmup-rate R] [--warmup-seconds S] [--e2e-warmup-calls N] [--e2e-paced-rate R] [--hold-seconds S]"
            + " [--burst N] [--skip-floor] [--skip-e2e] [--skip-live] [--direct] [--write-timeout-ms MS]";

    private final Map<String, String> opts;

    private ThroughputOptions(Map<String, String> opts) {
        this.opts = opts;
    }

    /** Null when the arguments ask for help. */
    static ThroughputOptions parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return null;
            }
            if (a.startsWith("--skip-") || a.equals("--direct")) {
                opts.put(a.substring(2), "true");
            } else if (a.startsWith("--") && i + 1 < args.length) {
                opts.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + a + "; try --help");
            }
        }
        return new ThroughputOptions(opts);
    }

    Path work() {
        return Path.of(opts.getOrDefault("work", "target/bridge-throughput"));
    }

    int e2eCalls() {
        return Integer.parseInt(opts.getOrDefault("calls", "3000"));
    }

    int live() {
        return Integer.parseInt(opts.getOrDefault("live", "5000"));
    }

    double stepSeconds() {
        return Double.parseDouble(opts.getOrDefault("step-seconds", "5"));
    }

    List<Double> rates() {
        return Arrays.stream(opts.getOrDefault("rates", "1000,2000,3000,4000").split(",")).map(Double::parseDouble).toList();
    }

    int burst() {
        return Integer.parseInt(opts.getOrDefault("burst", "0"));
    }

    double warmupRate() {
        return Double.parseDouble(opts.getOrDefault("warmup-rate", "400"));
    }

    double warmupSeconds() {
        return Double.parseDouble(opts.getOrDefault("warmup-seconds", "10"));
    }

    int e2eWarmupCalls() {
        return Integer.parseInt(opts.getOrDefault("e2e-warmup-calls", "500"));
    }

    /** The end-to-end latency run's rate; null: 70 % of the capacity measured. */
    Double e2ePacedRate() {
        return opts.containsKey("e2e-paced-rate") ? Double.parseDouble(opts.get("e2e-paced-rate")) : null;
    }

    /** How long C holds each call; null: long enough that all are up together. */
    Double holdSeconds() {
        return opts.containsKey("hold-seconds") ? Double.parseDouble(opts.get("hold-seconds")) : null;
    }

    boolean skipFloor() {
        return opts.containsKey("skip-floor");
    }

    boolean skipE2e() {
        return opts.containsKey("skip-e2e");
    }

    boolean skipLive() {
        return opts.containsKey("skip-live");
    }

    /** The children talk to the PBX directly, not through the counting relay (then no wire counts). */
    boolean direct() {
        return opts.containsKey("direct");
    }

    /** 1000 ms as ami-bridge/deploy/asterisk/manager.conf sets it; Asterisk's own default is 100 ms. */
    long writeTimeoutMillis() {
        return Long.parseLong(opts.getOrDefault("write-timeout-ms", "1000"));
    }
}
