package io.outcall.functions;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A function's init split over two threads: building the SDK clients keeps the main thread busy
 * for most of a cold start, and the classes and tables the first request needs load and link
 * meanwhile on a second one (Lambda's init phase has more than one vCPU). The warm-up is a list of
 * steps; once the init is built no further step starts, and the one under way is waited for, so no
 * thread is left running into a request or a SnapStart snapshot. Where no core is idle the
 * warm-up can only slow the init down, so it never holds it back beyond its current step; what it
 * did not reach, the first request loads itself. A failed step is logged and ends the warm-up.
 */
public final class InitBeside {

    private InitBeside() {
    }

    /** Runs {@code warmUp}'s steps on their own thread while this one runs {@code init}; returns what init built. */
    public static <T> T run(String name, List<Runnable> warmUp, Supplier<T> init) {
        return run(name, warmUp, init, System.out::println);
    }

    /** As {@link #run(String, List, Supplier)}, logging a failed warm-up's line to {@code log}. */
    static <T> T run(String name, List<Runnable> warmUp, Supplier<T> init, Consumer<String> log) {
        if (warmUp.isEmpty()) {
            return init.get();
        }
        Steps steps = new Steps(warmUp, name, log);
        Thread thread = new Thread(steps, name);
        thread.setDaemon(true);
        thread.start();
        try {
            return init.get();
        } finally {
            steps.initDone = true;
            joinUninterruptibly(thread);
        }
    }

    private static final class Steps implements Runnable {
        private final List<Runnable> steps;
        private final String name;
        private final Consumer<String> log;
        private volatile boolean initDone;

        Steps(List<Runnable> steps, String name, Consumer<String> log) {
            this.steps = steps;
            this.name = name;
            this.log = log;
        }

        @Override
        public void run() {
            for (Runnable step : steps) {
                if (initDone) {
                    return;
                }
                try {
                    step.run();
                } catch (Throwable e) {
                    // One JSON line, as the request log writes them; named by type only, like its lines.
                    log.accept("{\"level\":\"WARN\",\"message\":\"warm-up failed; the first request loads what it needs\","
                            + "\"warmUp\":\"" + name + "\",\"error\":\"" + e.getClass().getName() + "\"}");
                    return;
                }
            }
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
