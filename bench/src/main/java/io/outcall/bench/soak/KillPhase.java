package io.outcall.bench.soak;

/** The moment of a call's life at which the soak kills the bridge. */
enum KillPhase {
    /**
     * Claimed in DynamoDB, the Originate never reached Asterisk: the simulator drops the Originate
     * that arrives while this phase is armed and the bridge dies before anything answers it.
     */
    CLAIM_TO_ORIGINATE("claim-to-originate"),
    /**
     * Asterisk accepted the Originate and runs the call, but the bridge dies before it hears so:
     * it has not recorded the Originate nor deleted the message.
     */
    ORIGINATE_TO_DELETE("originate-to-delete"),
    /** A random moment while calls the bridge follows are up in the simulator. */
    MID_CALL("mid-call");

    final String label;

    KillPhase(String label) {
        this.label = label;
    }
}
