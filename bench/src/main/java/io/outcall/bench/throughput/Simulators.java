package io.outcall.bench.throughput;

import io.outcall.pbxsim.PbxSimulator;
import io.outcall.pbxsim.SimulatorConfig;

import java.io.IOException;
import java.time.Duration;

/** The PBX every run dials through, set up alike: its write timeout, and whether the relay sits in front. */
final class Simulators {

    private final ThroughputOptions options;

    Simulators(ThroughputOptions options) {
        this.options = options;
    }

    /**
     * A client that stops reading for longer than the write timeout is dropped, as a real Asterisk
     * drops it; {@code timeScale} stretches the scripts (C's Hold) and leaves FastHangup immediate.
     */
    PbxSimulator start(double timeScale) throws IOException {
        return PbxSimulator.start(SimulatorConfig.builder().port(0).timeScale(timeScale)
                .writeTimeout(Duration.ofMillis(options.writeTimeoutMillis()))
                .build());
    }

    /** The port children connect to: the counting relay's, or the PBX's with --direct (then no wire counts). */
    String amiPort(PbxSimulator pbx, AmiRelay relay) {
        return Integer.toString(options.direct() ? pbx.port() : relay.port());
    }
}
