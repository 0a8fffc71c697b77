package io.outcall.bench.coldstart;

import io.outcall.bench.coldstart.child.ColdStartRunner;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the children: a fresh JVM per run, started as Lambda's Java 21 runtime starts its JVM, on
 * the functions' shaded jar and runner.jar, with a clean environment; reads the one result line
 * and fails loudly on anything but a 202.
 */
final class ChildJvm {

    static final List<String> LAMBDA_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    private static final Pattern RESULT = Pattern.compile(
            "COLD-START jvm_to_response_ms=(\\d+) jvm_to_main_ms=(\\d+) init_ms=(\\d+) invoke_ms=(\\d+) status=202 location=(\\S+)");

    private final String java;
    private final Path functionsJar;
    private final Path runnerJar;
    private final Path work;
    private final List<String> extraOptions;
    private final Map<String, String> environment;
    private int requestsServed;

    ChildJvm(String java, Path functionsJar, Path runnerJar, Path work, List<String> extraOptions,
             Map<String, String> environment) {
        this.java = java;
        this.functionsJar = functionsJar;
        this.runnerJar = runnerJar;
        this.work = work;
        this.extraOptions = extraOptions;
        this.environment = environment;
    }

    /** Runs {@code handlerClass} once in a fresh child; {@code options} go to that child's JVM. */
    ChildRun run(String label, String handlerClass, List<String> options) throws IOException, InterruptedException {
        return run(label, handlerClass, options, Map.of());
    }

    /** As {@link #run(String, String, List)}, with {@code variables} added to the function's environment. */
    ChildRun run(String label, String handlerClass, List<String> options, Map<String, String> variables)
            throws IOException, InterruptedException {
        String id = label.replaceAll("[^A-Za-z0-9]+", "-");
        Path stderr = work.resolve("child-" + id + ".err");
        ProcessBuilder builder = new ProcessBuilder(command(options, handlerClass, ServiceWarmUp.TENANT, "bench-" + id))
                .redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(variables);
        long spawned = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        String resultLine = null;
        long resultAt = 0;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (resultLine == null && line.startsWith("COLD-START ")) {
                    resultAt = System.nanoTime();
                    resultLine = line;
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(label + ": the child JVM did not exit within 120 s");
        }
        int exit = process.exitValue();
        Matcher m = resultLine == null ? null : RESULT.matcher(resultLine);
        if (exit != 0 || m == null || !m.matches()) {
            throw new IllegalStateException(label + ": the child JVM exited " + exit + " without a 202 result.\nstdout:\n"
                    + output + (resultLine == null ? "" : resultLine + "\n") + "stderr (" + stderr + "):\n"
                    + Files.readString(stderr));
        }
        requestsServed++;
        return new ChildRun(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), (resultAt - spawned) / 1_000_000, m.group(5), stderr);
    }

    /** Children that answered 202, each of which queued one message. */
    int requestsServed() {
        return requestsServed;
    }

    List<String> command(List<String> options, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(LAMBDA_JVM);
        command.addAll(extraOptions);
        command.addAll(options);
        command.add("-cp");
        command.add(functionsJar + File.pathSeparator + runnerJar);
        command.add(ColdStartRunner.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    String javaVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return text.lines().skip(1).findFirst().orElse(text).trim();
    }
}
