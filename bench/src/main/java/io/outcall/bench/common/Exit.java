package io.outcall.bench.common;

/** How a benchmark's main ends: exit 0 when its body ran, 1 with the stack trace when it threw. */
public final class Exit {

    /** A benchmark's body. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private Exit() {
    }

    /**
     * Runs {@code body}, then exits the JVM: DynamoDB Local leaves a non-daemon job thread behind when
     * it stops, so without an exit the JVM never ends.
     */
    public static void after(Body body) {
        try {
            body.run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
