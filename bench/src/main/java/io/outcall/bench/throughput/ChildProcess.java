package io.outcall.bench.throughput;

import io.outcall.bench.throughput.child.BridgeThroughputChild;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM driven over stdin: commands in, {@code @}-lines (ready, result, stopped) back on
 * stdout, anything else echoed, its log to a file. Started as the bridge is deployed: {@code -Xmx256m},
 * G1, the bridge's logging (which also counts asterisk-java's "queue is full").
 */
final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final PrintWriter commands;
    private final LinkedBlockingQueue<String> results = new LinkedBlockingQueue<>();
    private final Path log;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("child-out").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("@")) {
                        results.add(line);
                    } else {
                        Say.line(line);
                    }
                }
            } catch (IOException ignored) {
                // the child ended
            }
            results.add("@exit");
        });
    }

    /**
     * Starts {@code mainClass} with {@code args}; {@code mode} names its log and replaces {mode} in
     * BRIDGE_BENCH_CHILD_OPTS.
     */
    static ChildProcess start(String mode, Class<?> mainClass, Path work, List<String> args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseG1GC",
                "-Dslf4j.provider=io.outcall.bridge.logging.BridgeLogging"));
        String extra = System.getenv("BRIDGE_BENCH_CHILD_OPTS");
        if (extra != null && !extra.isBlank()) {
            for (String o : extra.trim().split("\\s+")) {
                command.add(o.replace("{mode}", mode));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        // pipeline-bridge.log, e2e-bridge.log; asterisk-java-alone.log
        String logName = mainClass == BridgeThroughputChild.class ? mode + "-bridge.log" : mode + ".log";
        Path log = work.resolve(logName).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        pb.environment().put("LOG_LEVEL", System.getenv().getOrDefault("BRIDGE_LOG_LEVEL", "INFO"));
        ChildProcess child = new ChildProcess(pb.start(), log);
        String ready = child.results.poll(60, TimeUnit.SECONDS);
        if (ready == null || !ready.startsWith("@ready")) {
            child.close();
            throw new IllegalStateException("the " + mode + " JVM did not start (" + ready + "); see " + log);
        }
        Say.line("   " + mode + " JVM pid " + child.process.pid() + ": " + ready.substring(1) + "; its log: " + log);
        return child;
    }

    void send(String command) {
        commands.println(command);
    }

    ChildResult result(String label) throws InterruptedException {
        while (true) {
            String line = results.poll(15, TimeUnit.MINUTES);
            if (line == null || line.equals("@exit")) {
                throw new IllegalStateException("the child JVM ended before reporting " + label + "; see " + log);
            }
            if (line.startsWith("@result " + label + " ")) {
                return ChildResult.parse(line.substring(("@result " + label + " ").length()));
            }
            Say.line("   " + line);
        }
    }

    /** Sends stop, waits for the child to end, and reports what it said and asterisk-java's "queue is full" lines. */
    void stop() throws InterruptedException {
        send("stop");
        while (true) {
            String line = results.poll(60, TimeUnit.SECONDS);
            if (line == null || line.equals("@exit")) {
                break;
            }
            if (line.startsWith("@stopped")) {
                Say.line("   child JVM stopped: " + line.substring("@stopped ".length()));
            }
        }
        process.waitFor(30, TimeUnit.SECONDS);
        try {
            long queueFull = Files.readAllLines(log).stream().filter(l -> l.contains("queue is full")).count();
            if (queueFull > 0) {
                Say.line("   WARNING: " + queueFull + " 'queue is full' lines from asterisk-java in " + log);
            }
        } catch (IOException ignored) {
            // no log, nothing to count
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
