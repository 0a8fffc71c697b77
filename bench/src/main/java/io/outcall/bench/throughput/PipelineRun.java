package io.outcall.bench.throughput;

import io.outcall.bench.throughput.child.AsteriskJavaAlone;
import io.outcall.bench.throughput.child.BridgeThroughputChild;
import io.outcall.pbxsim.PbxSimulator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Run A and its floor: the bridge's own pipeline (in-memory queue and call store, counting sink,
 * no DynamoDB) climbing the step ladder, then, against the same simulator through the same relay,
 * asterisk-java alone with a listener that only counts climbing the same ladder.
 */
final class PipelineRun {

    /** The bridge's ladder, the floor's (null when skipped), and a burst (null unless asked). */
    record Figures(StepLadder.Result bridge, StepLadder.Result floor, PipelineStep burst) {

        /**
         * The bridge pipeline's events/s over asterisk-java's own, on the wire, each at the most it
         * sustained without losing anything; 0 when the floor did not run or lost at every step.
         */
        double ingestRatio() {
            if (floor == null || floor.capacity() == null || bridge.capacity() == null) {
                return 0;
            }
            return bridge.capacity().wireRate() / floor.capacity().wireRate();
        }
    }

    private final ThroughputOptions options;
    private final WireSampler wire;
    private final Simulators simulators;

    PipelineRun(ThroughputOptions options, WireSampler wire, Simulators simulators) {
        this.options = options;
        this.wire = wire;
        this.simulators = simulators;
    }

    Figures run() throws IOException, InterruptedException {
        Path work = options.work();
        try (PbxSimulator pbx = simulators.start(1.0);
             AmiRelay relay = new AmiRelay(pbx.port())) {
            wire.follow(relay);
            StepLadder ladder = new StepLadder(relay, wire, options.rates(), options.stepSeconds());
            String amiPort = simulators.amiPort(pbx, relay);
            Say.line("");
            Say.line("== A. pipeline, COUNTING SINK, NO DYNAMODB: in-memory queue and call store, AMI over TCP to pbx-sim;"
                    + " calls offered at a steady rate, one step after the other, until a step is not clean");
            StepLadder.Result bridge;
            PipelineStep burst = null;
            try (ChildProcess child = ChildProcess.start("pipeline", BridgeThroughputChild.class, work,
                    List.of("--ami-port", amiPort, "--mode", "pipeline", "--bridge-id", "bench-pipeline"))) {
                // A daemon runs warm: JIT compilation and heap sizing happen here, not in the measured steps.
                StepLadder.Driver driver = (label, calls, rate, timeout) -> {
                    child.send("load " + label + " " + calls + " 6 FastHangup " + rate);
                    child.send("run " + label + " " + label + " " + calls + " " + timeout);
                    return child.result(label);
                };
                Say.line(StepLadder.warmUp(driver, options.warmupRate(), options.warmupSeconds()));
                bridge = ladder.climb(driver, "followed");
                if (options.burst() > 0) {
                    burst = burst(driver);
                }
                child.stop();
            }
            StepLadder.Result floor = options.skipFloor() ? null : floor(ladder, amiPort);
            wire.follow(null);
            return new Figures(bridge, floor, burst);
        }
    }

    private PipelineStep burst(StepLadder.Driver driver) throws InterruptedException {
        Say.line(String.format(Locale.ROOT, "-- A+. burst: %d calls queued at once, no pacing anywhere (pbx-sim, unlike Asterisk,"
                + " originates as fast as it is asked)", options.burst()));
        ChildResult r = driver.offer("burst", options.burst(), 0, 300);
        PipelineStep step = new PipelineStep(0, r, wire.wireRate(r), wire.parentCpu(r), 0, 0, 0);
        Say.line("   " + step.line("followed"));
        return step;
    }

    private StepLadder.Result floor(StepLadder ladder, String amiPort) throws IOException, InterruptedException {
        Say.line("");
        Say.line("== A0. ingest floor: asterisk-java alone (its own connection, reader and dispatcher), a listener that only"
                + " counts, the bridge's Originates for the same calls, the same simulator and relay, the same ladder");
        try (ChildProcess child = ChildProcess.start("asterisk-java-alone", AsteriskJavaAlone.class, options.work(),
                List.of("--ami-port", amiPort))) {
            StepLadder.Driver driver = (label, calls, rate, timeout) -> {
                child.send("run " + label + " " + calls + " " + rate + " " + timeout);
                return child.result(label);
            };
            Say.line(StepLadder.warmUp(driver, options.warmupRate(), options.warmupSeconds()));
            StepLadder.Result floor = ladder.climb(driver, "dispatched");
            child.stop();
            return floor;
        }
    }
}
