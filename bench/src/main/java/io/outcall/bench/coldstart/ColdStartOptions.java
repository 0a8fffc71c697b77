package io.outcall.bench.coldstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --functions-jar PATH --template PATH [--work DIR] [--runs N] [--java PATH] [--no-diagnostics]
 * [--warm-up-ab]}; the environment variable {@code COLD_START_JAVA_OPTS} adds JVM options to every child.
 *
 * @param warmUpAb also run the function with its init's warm-up switched off, alternating with the rest
 */
record ColdStartOptions(Path functionsJar, Path template, Path work, int runs, String java, boolean diagnostics,
                        List<String> extraJvmOptions, boolean warmUpAb) {

    private static final List<String> FLAGS = List.of("--no-diagnostics", "--warm-up-ab");


    static ColdStartOptions parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (FLAGS.contains(args[i])) {
                opts.put(args[i], "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --functions-jar PATH --template PATH [--work DIR] [--runs N] [--java PATH] [--no-diagnostics] [--warm-up-ab]");
            }
        }
        int runs = Integer.parseInt(opts.getOrDefault("--runs", "5"));
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        String extra = System.getenv("COLD_START_JAVA_OPTS");
        return new ColdStartOptions(requiredFile(opts, "--functions-jar"), requiredFile(opts, "--template"),
                Path.of(opts.getOrDefault("--work", "bench/target/cold-start")).toAbsolutePath(), runs,
                opts.getOrDefault("--java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                !opts.containsKey("--no-diagnostics"),
                extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+")),
                opts.containsKey("--warm-up-ab"));
    }

    private static Path requiredFile(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        Path path = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(name + " " + path + " does not exist");
        }
        return path;
    }
}
