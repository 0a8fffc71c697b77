package io.outcall.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.call.CallId;
import io.outcall.core.intake.CallIntake;
import io.outcall.core.intake.CallRequest;
import io.outcall.core.intake.CallRequestValidator;
import io.outcall.core.intake.IntakeRequest;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.store.DynamoCallStore;
import io.outcall.core.store.DynamoIdempotencyStore;
import io.outcall.core.store.DynamoTenantStore;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TransferNumber;
import io.outcall.core.tenant.TransferPicker;
import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalDynamoDb;
import io.outcall.localaws.LocalServices;
import io.outcall.localaws.LocalSqs;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cold start of the make-call function, measured the way Lambda pays it: a fresh JVM per run that
 * builds {@code MakeCallHandler} through its no-arg constructor and serves one {@code POST /calls}
 * against DynamoDB Local and ElasticMQ, which run here, in the benchmark's own JVM.
 *
 * <p>Per run the child JVM ({@link ColdStartRunner}) reports milliseconds from its own start
 * (RuntimeMXBean's start time, taken when the VM begins to be created) to the handler's response.
 * Every child runs with {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}, as Lambda's Java 21
 * runtime starts its JVM, on a class path of only the functions' shaded jar and a jar of the runner.
 * The runs go: one discarded warm-up, one AppCDS training run ({@code -XX:ArchiveClassesAtExit})
 * that serves the same request, then N plain runs and N runs with {@code -XX:SharedArchiveFile},
 * alternating; then two untimed runs with class loading logged, to show where the classes came from
 * and that the archive was really used. The last line is
 * {@code cold-start median_ms=N cds_median_ms=N}.
 *
 * <p>Arguments: {@code --functions-jar PATH --template PATH --work DIR [--runs N] [--java PATH]
 * [--no-diagnostics]}; the environment variable {@code COLD_START_JAVA_OPTS} adds JVM options to
 * every child (for experiments; the header prints them).
 */
public final class ColdStartBenchmark {

    static final String TENANT = "bench-tenant";
    static final String WARM_TENANT = "warm-up-tenant";
    static final List<String> LAMBDA_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    private static final Pattern RESULT = Pattern.compile(
            "COLD-START jvm_to_response_ms=(\\d+) jvm_to_main_ms=(\\d+) init_ms=(\\d+) invoke_ms=(\\d+) status=202 location=(\\S+)");

    private final Path functionsJar;
    private final Path runnerJar;
    private final Path work;
    private final String java;
    private final List<String> extraOptions;
    private final Map<String, String> childEnv;
    private int requestsServed;

    private ColdStartBenchmark(Path functionsJar, Path runnerJar, Path work, String java, List<String> extraOptions,
                               Map<String, String> childEnv) {
        this.functionsJar = functionsJar;
        this.runnerJar = runnerJar;
        this.work = work;
        this.java = java;
        this.extraOptions = extraOptions;
        this.childEnv = childEnv;
    }

    public static void main(String[] args) {
        try {
            measure(args);
        } catch (Exception e) {
            // Exit now: DynamoDB Local's non-daemon thread would keep a failed run alive for minutes.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void measure(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        Path functionsJar = requiredFile(opts, "--functions-jar");
        Path template = requiredFile(opts, "--template");
        Path work = Path.of(opts.getOrDefault("--work", "bench/target/cold-start")).toAbsolutePath();
        int runs = Integer.parseInt(opts.getOrDefault("--runs", "5"));
        String java = opts.getOrDefault("--java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        boolean diagnostics = !opts.containsKey("--no-diagnostics");
        List<String> extra = splitOptions(System.getenv("COLD_START_JAVA_OPTS"));
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        Files.createDirectories(work);
        Path runnerJar = writeRunnerJar(work.resolve("runner.jar"));

        long started = System.nanoTime();
        List<String> summary;
        try (LocalServices local = LocalServices.start(LocalDynamoDb.startInMemory(), LocalSqs.start(),
                CloudFormationTemplate.read(template))) {
            System.out.printf("local services up in %d ms: DynamoDB Local %s, ElasticMQ %s%n",
                    (System.nanoTime() - started) / 1_000_000, local.dynamoDbServer().endpoint(), local.sqsServer().endpoint());
            seed(local, TENANT);
            warmUpServices(local);
            // Leave the servers' JIT and garbage behind before the first child starts.
            System.gc();
            Thread.sleep(1000);

            ColdStartBenchmark bench = new ColdStartBenchmark(functionsJar, runnerJar, work, java, extra,
                    childEnv(local, CloudFormationTemplate.read(template)));
            summary = bench.run(runs, diagnostics, local);
        }
        // The servers are closed (and have logged their shutdown): the summary ends the output.
        summary.forEach(System.out::println);
        System.out.flush();
        // DynamoDB Local leaves a non-daemon job thread (ShardRolloverJobScheduler) sleeping for
        // minutes after its server stopped; nothing is left to wait for.
        System.exit(0);
    }

    /** Runs the children and returns the summary lines, the last one {@code cold-start median_ms=.. cds_median_ms=..}. */
    private List<String> run(int runs, boolean diagnostics, LocalServices local) throws Exception {
        System.out.println("java: " + java + " (" + javaVersion() + ")");
        System.out.println("child: " + String.join(" ", command(List.of())));
        System.out.println("child class path: only the functions' shaded jar ("
                + Files.size(functionsJar) / 1024 + " KiB) and runner.jar (" + Files.size(runnerJar) + " bytes)");
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + loadAverage() + " (the benchmark's own servers included; other work on the machine skews the figures)");
        System.out.println("ms = JVM start to the handler's response, as the child measures it;"
                + " wall = process spawn to the result line, as this process sees it");

        Run warmUp = runChild("warm-up (discarded)", List.of());
        System.out.println(warmUp.describe("warm-up", "(discarded: warms the OS file cache)"));

        Path archive = work.resolve("app.jsa");
        Files.deleteIfExists(archive);
        Run training = runChild("CDS training", List.of("-XX:ArchiveClassesAtExit=" + archive));
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException("the training run did not write " + archive + "; see " + training.stderr);
        }
        System.out.println(training.describe("cds training", "(discarded: -XX:ArchiveClassesAtExit wrote "
                + Files.size(archive) / 1024 + " KiB)"));

        // Plain and CDS runs alternate, so that whatever else the machine does weighs on both alike.
        List<Run> plain = new ArrayList<>();
        List<Run> cds = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Run p = runChild("plain " + i, List.of());
            plain.add(p);
            System.out.println(p.describe("run " + i, ""));
            Run c = runChild("cds " + i, List.of("-XX:SharedArchiveFile=" + archive));
            cds.add(c);
            System.out.println(c.describe("cds run " + i, ""));
        }

        if (diagnostics) {
            Map<String, Integer> plainClasses = classSources("plain", List.of());
            Map<String, Integer> cdsClasses = classSources("cds", List.of("-XX:SharedArchiveFile=" + archive));
            System.out.println("classes loaded, plain: " + plainClasses);
            System.out.println("classes loaded, cds:   " + cdsClasses);
            if (cdsClasses.getOrDefault("app archive", 0) == 0) {
                throw new IllegalStateException("the CDS runs loaded no class from " + archive
                        + ": the archive was not used, so the cds figures are not CDS figures");
            }
        }

        int queued = Integer.parseInt(local.sqs().getQueueAttributes(b -> b.queueUrl(local.queueUrl("OriginateQueue"))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        if (queued != requestsServed) {
            throw new IllegalStateException(requestsServed + " runs answered 202 but OriginateQueue holds " + queued
                    + " messages: the runs did not all queue their call");
        }
        System.out.println("checked: OriginateQueue holds " + queued + " messages, one per child run that answered 202");

        List<String> summary = new ArrayList<>();
        summary.add("load average after the runs: " + loadAverage());
        long median = median(plain, Run::ms);
        long cdsMedian = median(cds, Run::ms);
        summary.add(String.format(Locale.ROOT, "plain: median %d ms (min %d, max %d; wall median %d ms; init median %d ms, invoke median %d ms)",
                median, min(plain), max(plain), median(plain, Run::wallMs), median(plain, Run::initMs), median(plain, Run::invokeMs)));
        summary.add(String.format(Locale.ROOT, "cds:   median %d ms (min %d, max %d; wall median %d ms; init median %d ms, invoke median %d ms)",
                cdsMedian, min(cds), max(cds), median(cds, Run::wallMs), median(cds, Run::initMs), median(cds, Run::invokeMs)));
        summary.add(String.format(Locale.ROOT, "goals: plain < 600 ms %s, cds < 350 ms %s",
                median < 600 ? "met" : "MISSED", cdsMedian < 350 ? "met" : "MISSED"));
        summary.add(String.format(Locale.ROOT, "cold-start median_ms=%d cds_median_ms=%d", median, cdsMedian));
        return summary;
    }

    /** One child JVM: spawn, read its one result line, fail loudly on anything but a 202. */
    private Run runChild(String label, List<String> options) throws IOException, InterruptedException {
        String id = label.replaceAll("[^A-Za-z0-9]+", "-");
        Path stderr = work.resolve("child-" + id + ".err");
        ProcessBuilder builder = new ProcessBuilder(command(options, TENANT, "bench-" + id))
                .redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(childEnv);
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
        return new Run(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), (resultAt - spawned) / 1_000_000, m.group(5), stderr);
    }

    /** An untimed run with class loading logged: how many classes came from where. */
    private Map<String, Integer> classSources(String label, List<String> options) throws IOException, InterruptedException {
        Path log = work.resolve("class-load-" + label + ".log");
        Files.deleteIfExists(log);
        List<String> withLog = new ArrayList<>(options);
        withLog.add("-Xlog:class+load=info:file=" + log);
        runChild("diagnostic " + label, withLog);
        Map<String, Integer> counts = new TreeMap<>();
        int total = 0;
        try (Stream<String> lines = Files.lines(log)) {
            for (String line : (Iterable<String>) lines::iterator) {
                int at = line.indexOf(" source: ");
                if (at < 0) {
                    continue;
                }
                String source = line.substring(at + " source: ".length());
                String kind;
                if (source.startsWith("shared objects file (top)")) {
                    kind = "app archive";
                } else if (source.startsWith("shared objects file")) {
                    kind = "JDK base archive";
                } else if (source.startsWith("jrt:/")) {
                    kind = "JDK modules";
                } else if (source.contains(functionsJar.getFileName().toString())) {
                    kind = "functions jar";
                } else if (source.contains(runnerJar.getFileName().toString())) {
                    kind = "runner jar";
                } else {
                    kind = "generated";
                }
                counts.merge(kind, 1, Integer::sum);
                total++;
            }
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        result.put("total", total);
        result.putAll(counts);
        return result;
    }

    private List<String> command(List<String> options, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(LAMBDA_JVM);
        command.addAll(extraOptions);
        command.addAll(options);
        command.add("-cp");
        command.add(functionsJar + File.pathSeparator + runnerJar);
        command.add(ColdStartRunner.class.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }

    private String javaVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return text.lines().skip(1).findFirst().orElse(text).trim();
    }

    /** What Lambda gives the function, pointed at the local stand-ins; nothing inherited from this shell. */
    private static Map<String, String> childEnv(LocalServices local, CloudFormationTemplate template) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "MakeCallFunction");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_REGION", LocalAws.REGION.id());
        env.put("AWS_DEFAULT_REGION", LocalAws.REGION.id());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SESSION_TOKEN", "local");
        env.putAll(functionVariables(local, template));
        env.put("DYNAMODB_ENDPOINT", local.dynamoDbServer().endpoint().toString());
        env.put("SQS_ENDPOINT", local.sqsServer().endpoint().toString());
        return env;
    }

    /**
     * The variables template.yaml's Globals give every function, resolved as local stand-ins are
     * named (tables and queues by logical id, parameters by their defaults), so the children start
     * with exactly what the deployed function gets. JAVA_TOOL_OPTIONS is left out: the children
     * get those flags on their command line.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> functionVariables(LocalServices local, CloudFormationTemplate template) {
        Map<String, Object> globals = (Map<String, Object>) template.root().get("Globals");
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                globals.get("Function")).get("Environment")).get("Variables");
        Map<String, Object> parameters = (Map<String, Object>) template.root().getOrDefault("Parameters", Map.of());
        Set<String> queues = template.resourcesOfType("AWS::SQS::Queue").keySet();
        Map<String, String> env = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (name.equals("JAVA_TOOL_OPTIONS")) {
                return;
            }
            if (value instanceof Map<?, ?> ref && ref.get("Ref") instanceof String logicalId) {
                if (queues.contains(logicalId)) {
                    env.put(name, local.queueUrl(logicalId));
                } else if (parameters.get(logicalId) instanceof Map<?, ?> parameter) {
                    env.put(name, String.valueOf(parameter.get("Default")));
                } else {
                    env.put(name, logicalId);
                }
            } else {
                env.put(name, String.valueOf(value));
            }
        });
        return env;
    }

    private static void seed(LocalServices local, String tenantId) {
        DynamoTenantStore tenants = new DynamoTenantStore(local.dynamoDb(), "TenantsTable");
        tenants.put(new Tenant(tenantId, "Acme", "US", List.of("DynamicIVR"), "DynamicIVR",
                List.of(new TransferNumber("+14045550199", 1))));
        tenants.put(new Did(tenantId, "did-1", "+14045550100", "Acme", true, null, 0));
    }

    /**
     * DynamoDB Local and ElasticMQ are cold JVM code too; the real services are not. The same intake
     * the handler runs, in this JVM, for another tenant and onto another queue, until the servers'
     * answers stop getting faster, so the children measure their own start and not the servers'.
     */
    private static void warmUpServices(LocalServices local) {
        ObjectMapper json = new ObjectMapper();
        String queue = local.sqs().createQueue(b -> b.queueName("ColdStartWarmUpQueue")).queueUrl();
        seed(local, WARM_TENANT);
        DynamoTenantStore tenants = new DynamoTenantStore(local.dynamoDb(), "TenantsTable");
        CallIntake intake = new CallIntake(tenants, new DynamoCallStore(local.dynamoDb(), "CallsTable", "CallStatsTable"),
                new DynamoIdempotencyStore(local.dynamoDb(), "IdempotencyTable"),
                new SqsOriginateQueue(local.sqs(), queue, new OriginateMessageCodec(json)),
                new CallRequestValidator(new PhoneNumbers()), new TransferPicker(new SecureRandom()),
                CallId.systemGenerator(), Clock.systemUTC());
        CallRequest request = new CallRequest("+14045550123", null, null, null, null, null);
        long start = System.nanoTime();
        int count = 0;
        long lastBatchMicros = 0;
        long firstBatchMicros = -1;
        while (count < 2000 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15)) {
            long batch = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                intake.accept(new IntakeRequest(WARM_TENANT, request, null, null));
            }
            count += 50;
            lastBatchMicros = (System.nanoTime() - batch) / 1000 / 50;
            if (firstBatchMicros < 0) {
                firstBatchMicros = lastBatchMicros;
            }
        }
        local.sqs().purgeQueue(b -> b.queueUrl(queue));
        System.out.printf(Locale.ROOT, "warmed the local services with %d intakes in %d ms (%.1f ms per intake at first, %.1f at last)%n",
                count, (System.nanoTime() - start) / 1_000_000, firstBatchMicros / 1000.0, lastBatchMicros / 1000.0);
    }

    /** runner.jar: ColdStartRunner and its nested classes, nothing else of this module. */
    private static Path writeRunnerJar(Path jar) throws IOException, URISyntaxException {
        Path source = Path.of(ColdStartRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String dir = ColdStartRunner.class.getPackageName().replace('.', '/') + "/";
        String prefix = ColdStartRunner.class.getSimpleName();
        Map<String, byte[]> classes = new TreeMap<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source.resolve(dir))) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (isRunnerClass(name, prefix)) {
                        classes.put(dir + name, Files.readAllBytes(f));
                    }
                }
            }
        } else {
            try (JarFile from = new JarFile(source.toFile())) {
                for (JarEntry e : from.stream().toList()) {
                    if (e.getName().startsWith(dir) && isRunnerClass(e.getName().substring(dir.length()), prefix)) {
                        try (InputStream in = from.getInputStream(e)) {
                            classes.put(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException("no " + prefix + " classes found in " + source);
        }
        Path partial = Files.createTempFile(jar.getParent(), "runner", ".part");
        try (OutputStream file = Files.newOutputStream(partial); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey()));
                out.write(c.getValue());
                out.closeEntry();
            }
        }
        Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING);
        return jar;
    }

    private static boolean isRunnerClass(String fileName, String prefix) {
        return fileName.endsWith(".class") && (fileName.equals(prefix + ".class") || fileName.startsWith(prefix + "$"));
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--no-diagnostics")) {
                opts.put(args[i], "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --functions-jar PATH --template PATH [--work DIR] [--runs N] [--java PATH] [--no-diagnostics]");
            }
        }
        return opts;
    }

    private static Path requiredFile(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        Path path = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(name + " " + path + " does not exist");
        }
        return path;
    }

    private static List<String> splitOptions(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    private static long median(List<Run> runs, ToLongFunction<Run> value) {
        long[] sorted = runs.stream().mapToLong(value).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : Math.round((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0);
    }

    private static long min(List<Run> runs) {
        return runs.stream().mapToLong(Run::ms).min().orElseThrow();
    }

    private static long max(List<Run> runs) {
        return runs.stream().mapToLong(Run::ms).max().orElseThrow();
    }

    /** One child's figures; {@code ms} is the measure: JVM start to response. */
    record Run(long ms, long jvmToMainMs, long initMs, long invokeMs, long wallMs, String location, Path stderr) {
        String describe(String label, String note) {
            return String.format(Locale.ROOT, "%-13s %4d ms  (JVM start to main %3d, init %3d, invoke %3d; wall %4d ms) 202 %s %s",
                    label, ms, jvmToMainMs, initMs, invokeMs, wallMs, location, note).stripTrailing();
        }
    }
}
