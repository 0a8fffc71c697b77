package io.outcall.bench.logs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * bench/logs-api's arguments, all optional: {@code --calls N --tenant-calls N --tenants N --days N
 * --repetitions N --warm-up N --threads N --deep-pages N --seed N}.
 */
record LogsOptions(int calls, int tenantCalls, int tenants, int days, int repetitions, int warmUp, int threads,
                       int deepPages, long seed) {

    static LogsOptions parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i] + "; use [--calls N] [--tenant-calls N]"
                        + " [--tenants N] [--days N] [--repetitions N] [--warm-up N] [--threads N] [--deep-pages N] [--seed N]");
            }
        }
        LogsOptions o = new LogsOptions(integer(opts, "--calls", 100_000), integer(opts, "--tenant-calls", 60_000),
                integer(opts, "--tenants", 20), integer(opts, "--days", 90), integer(opts, "--repetitions", 50),
                integer(opts, "--warm-up", 20), integer(opts, "--threads", 4), integer(opts, "--deep-pages", 40),
                Long.parseLong(opts.getOrDefault("--seed", "20261124")));
        opts.remove("--seed");
        if (!opts.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + opts.keySet());
        }
        require(o.tenantCalls >= 1_100 && o.tenantCalls <= o.calls, "--tenant-calls must be 1100 to --calls"
                + " (the deep page and a full first page need them)");
        require(o.tenants >= 1 && o.calls - o.tenantCalls >= o.tenants, "--tenants must be at least 1, with a call each");
        require(o.days >= 31 && o.days <= 92, "--days must be 31 to 92");
        require(o.repetitions >= 1 && o.warmUp >= 0 && o.threads >= 1, "--repetitions and --threads must be positive");
        require(o.deepPages >= 1 && (o.deepPages + 1) * 25 <= o.tenantCalls, "--deep-pages must fit in --tenant-calls");
        return o;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static int integer(Map<String, String> opts, String name, int absent) {
        String value = opts.remove(name);
        return value == null ? absent : Integer.parseInt(value.replace("_", "").replace(",", ""));
    }
}
