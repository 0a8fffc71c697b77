package io.outcall.bench.soak;


import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code bench/crash-soak}: places calls steadily while the bridge, its own OS process, is killed
 * with SIGKILL again and again at chosen moments and restarted with the same BRIDGE_ID; then drains
 * and checks that no call was dialed twice, none is left unfinished, the statistics count each final
 * call once and every timeline is in order. Last line:
 * {@code crash-soak kills=N calls=N double_dials=0 stuck=0 stats_mismatch=0}; exit status 1 when a
 * check fails, 2 when the soak itself could not run.
 */
public final class CrashSoak {

    private static final String BRIDGE_ID = "soak-bridge";
    private static final Duration BRIDGE_START = Duration.ofSeconds(90);
    private static final Duration PHASE_WAIT = Duration.ofSeconds(60);

    private CrashSoak() {
    }

    public static void main(String[] args) throws Exception {
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("crash-soak: " + e.getMessage() + "\n" + SoakOptions.USAGE);
            System.exit(2);
            return;
        }
        int status;
        try {
            status = run(options, System.out);
        } catch (SoakFailure e) {
            System.out.println("crash-soak: could not run: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    private static int run(SoakOptions options, PrintStream out) throws Exception {
        Files.createDirectories(options.work());
        Path log = options.work().resolve("bridge.log");
        Files.deleteIfExists(log);
        Random random = new Random(options.seed());
        out.printf("crash-soak: %d kills, %.1f calls/s, visibility timeout %d s, seed %d; bridge log %s%n",
                options.kills(), options.callsPerSecond(), options.visibilitySeconds(), options.seed(), log);
        try (SoakStack stack = SoakStack.start(options.visibilitySeconds())) {
            BridgeProcess bridge = new BridgeProcess(options.java(), options.bridgeJar(), log,
                    healthPort -> stack.bridgeEnvironment(BRIDGE_ID, healthPort));
            // Whatever ends the soak, no bridge outlives it.
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(bridge::killQuietly));
            BridgeKiller killer = new BridgeKiller(bridge, stack.simulator);
            Instant start = Instant.now();
            bridge.start(BRIDGE_START);
            CallPlacer placer = new CallPlacer(stack, random);
            placer.start(options.callsPerSecond());
            Map<KillPhase, Integer> kills = new EnumMap<>(KillPhase.class);
            List<KillPhase> schedule = KillSchedule.of(options.kills(), random);
            try {
                for (int i = 0; i < schedule.size(); i++) {
                    // A random moment: up to 2.5 s after the bridge came up, then the phase's own trigger.
                    Thread.sleep(200 + random.nextInt(2300));
                    BridgeKiller.Kill kill = killer.kill(schedule.get(i), PHASE_WAIT);
                    kills.merge(kill.phase(), 1, Integer::sum);
                    out.printf("kill %d/%d %-19s pid %d%s, %d channels up; %d calls placed%n", i + 1, schedule.size(),
                            kill.phase().label, kill.pid(), kill.callId() == null ? "" : " at call " + kill.callId(),
                            kill.liveChannels(), placer.placed().size());
                    bridge.start(BRIDGE_START);
                }
            } finally {
                placer.close();
            }
            out.printf("kills by phase: %s; placing stopped, %d calls placed%n", byLabel(kills), placer.placed().size());
            placer.refused().forEach(r -> out.println("intake refused " + r));

            SoakChecks checks = new SoakChecks(stack, out);
            List<String> callIds = placer.placed();
            Duration deadline = Duration.ofSeconds(options.visibilitySeconds() + CallPlacer.RING_TIMEOUT_SECONDS + 90L);
            Set<String> stuck = new Drain(checks.calls(), stack.aws.sqs(), stack.queueUrl, out).awaitFinal(callIds, deadline);
            stuck.forEach(id -> out.println("STUCK: call " + id + " is " + checks.calls().find(id)
                    .map(c -> c.status() + (c.failureReason() == null ? "" : " " + c.failureReason()))
                    .orElse("missing from the calls table")));
            bridge.stop();

            SoakChecks.Verdict verdict = checks.check(callIds, start);
            out.printf("outcomes: %s; timelines out of order: %d; ended BRIDGE_LOST_AT_ORIGINATE though dialed: %d%n",
                    verdict.byStatus(), verdict.timelineFaults(), verdict.lostButDialed());
            int totalKills = kills.values().stream().mapToInt(Integer::intValue).sum();
            out.printf("crash-soak kills=%d calls=%d double_dials=%d stuck=%d stats_mismatch=%d%n", totalKills,
                    callIds.size(), verdict.doubleDials(), stuck.size(), verdict.statsMismatch());
            boolean failed = verdict.doubleDials() > 0 || !stuck.isEmpty() || verdict.statsMismatch() > 0
                    || verdict.timelineFaults() > 0 || !placer.refused().isEmpty();
            return failed ? 1 : 0;
        }
    }

    private static String byLabel(Map<KillPhase, Integer> kills) {
        StringBuilder text = new StringBuilder();
        for (KillPhase phase : KillPhase.values()) {
            text.append(text.isEmpty() ? "" : " ").append(phase.label).append('=').append(kills.getOrDefault(phase, 0));
        }
        return text.toString();
    }
}
