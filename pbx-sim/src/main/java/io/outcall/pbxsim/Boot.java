package io.outcall.pbxsim;

/** One run of the simulated Asterisk between restarts: its PBX state and when it came up (for Uptime). */
record Boot(Pbx pbx, long startedNanos) {

    long uptimeSeconds() {
        return (System.nanoTime() - startedNanos) / 1_000_000_000L;
    }
}
