package io.outcall.bench.soak;

import java.nio.file.Path;

/**
 * @param kills              how many times the bridge is killed (each phase gets a third, at least one each)
 * @param callsPerSecond     the steady rate calls are placed at
 * @param visibilitySeconds  the originate queue's visibility timeout for this run (template.yaml says 60)
 * @param seed               for the random moments and numbers; printed, so a run can be repeated
 */
record SoakOptions(int kills, double callsPerSecond, int visibilitySeconds, long seed, Path bridgeJar, Path java,
                   Path work) {

    static final String USAGE = """
            usage: bench/crash-soak [--kills N] [--rate CALLS_PER_S] [--visibility-seconds S] [--seed N]
              --kills N               SIGKILLs of the bridge (default 30; at least 3: one per phase)
              --rate R                calls placed per second while killing (default 3)
              --visibility-seconds S  the originate queue's visibility timeout (default 60, as template.yaml)
              --seed N                repeat a run's random moments (default: random, printed)""";

    static SoakOptions parse(String[] args) {
        int kills = 30;
        double rate = 3;
        int visibility = 60;
        long seed = System.nanoTime();
        Path jar = null;
        Path java = null;
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(required(args[i], value));
                case "--rate" -> rate = Double.parseDouble(required(args[i], value));
                case "--visibility-seconds" -> visibility = Integer.parseInt(required(args[i], value));
                case "--seed" -> seed = Long.parseLong(required(args[i], value));
                case "--bridge-jar" -> jar = Path.of(required(args[i], value));
                case "--java" -> java = Path.of(required(args[i], value));
                case "--work" -> work = Path.of(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
            i++;
        }
        if (kills < KillPhase.values().length) {
            throw new IllegalArgumentException("--kills must be at least " + KillPhase.values().length + " (one per phase)");
        }
        if (!(rate > 0 && rate <= 50)) {
            throw new IllegalArgumentException("--rate must be above 0 and at most 50 calls per second");
        }
        if (visibility < 1 || visibility > 43_200) {
            throw new IllegalArgumentException("--visibility-seconds must be 1 to 43200 (SQS's range)");
        }
        if (jar == null || java == null || work == null) {
            throw new IllegalArgumentException("--bridge-jar, --java and --work are set by bench/crash-soak; run it");
        }
        return new SoakOptions(kills, rate, visibility, seed, jar, java, work);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
