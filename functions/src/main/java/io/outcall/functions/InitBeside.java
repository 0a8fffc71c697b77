package io.outcall.functions;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A function's init split over two threads: building the SDK clients keeps the main thread busy
 * for most of a cold start, and the classes and tables the first request needs load and link
 * meanwhile on a second one (Lambda's init phase, like the machines here, has more than one
 * vCPU). The second thread is always joined before the init returns, so none is left running
 * into a request or a SnapStart snapshot, and its failure only costs the time it would have saved.
 */
public final class InitBeside {

    private InitBeside() {
    }

    /**
     * Runs {@code warmUp} on its own thread while this one runs {@code init}; returns what
     * {@code init} built once both are done. A failing warm-up is logged and otherwise ignored.
     */
    public static <T> T run(String name, Runnable warmUp, Supplier<T> init) {
        return run(name, warmUp, init, System.out::println);
    }

    /** As {@link #run(String, Runnable, Supplier)}, logging a failed warm-up's line to {@code log}. */
    static <T> T run(String name, Runnable warmUp, Supplier<T> init, Consumer<String> log) {
        Thread thread = new Thread(() -> {
            try {
                warmUp.run();
            } catch (Throwable e) {
                // One JSON line, as the request log writes them; named by type only, like its lines.
                log.accept("{\"level\":\"WARN\",\"message\":\"warm-up failed; the first request loads what it needs\","
                        + "\"warmUp\":\"" + name + "\",\"error\":\"" + e.getClass().getName() + "\"}");
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        try {
            return init.get();
        } finally {
            joinUninterruptibly(thread);
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
