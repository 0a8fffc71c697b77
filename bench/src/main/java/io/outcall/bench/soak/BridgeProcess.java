package io.outcall.bench.soak;

import io.outcall.localaws.Ports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The bridge as its own OS process, {@code java -jar ami-bridge-*.jar}, started with a clean
 * environment and killed with SIGKILL. Every start appends to one log file.
 */
final class BridgeProcess {

    private final Path java;
    private final Path jar;
    private final Path log;
    private final IntFunction<Map<String, String>> environmentForHealthPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;
    private volatile int healthPort;
    private int starts;

    BridgeProcess(Path java, Path jar, Path log, IntFunction<Map<String, String>> environmentForHealthPort) {
        this.java = java;
        this.jar = jar;
        this.log = log;
        this.environmentForHealthPort = environmentForHealthPort;
    }

    /** Starts the bridge and returns once its /health says it can take calls (AMI up, queue reachable). */
    synchronized void start(Duration deadline) throws IOException, InterruptedException {
        // A fresh port each start: the killed one's port may linger in TIME_WAIT.
        healthPort = Ports.free();
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environmentForHealthPort.apply(healthPort));
        starts++;
        Files.writeString(log, "===== soak: bridge start " + starts + " =====\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        awaitHealthy(deadline);
    }

    private void awaitHealthy(Duration deadline) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new SoakFailure("the bridge exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the JVM is still starting
            }
            Thread.sleep(50);
        }
        throw new SoakFailure("the bridge was not healthy within " + deadline.toSeconds() + " s; see " + log);
    }

    /** SIGKILL, and waits until the process is gone: no shutdown hook, no drain, no last write. */
    void kill() throws InterruptedException {
        Process running = process;
        running.toHandle().destroyForcibly();
        running.waitFor();
    }

    void killQuietly() {
        Process running = process;
        if (running != null) {
            running.toHandle().destroyForcibly();
        }
    }

    long pid() {
        return process.pid();
    }

    /** A graceful stop (SIGTERM) at the end of the soak. */
    void stop() throws InterruptedException {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroy();
            running.waitFor();
        }
    }
}
