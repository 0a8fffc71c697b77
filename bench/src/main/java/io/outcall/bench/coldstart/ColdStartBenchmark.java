package io.outcall.bench.coldstart;

import io.outcall.bench.coldstart.child.ColdStartRunner;
import io.outcall.bench.common.Machine;
import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.LocalDynamoDb;
import io.outcall.localaws.LocalServices;
import io.outcall.localaws.LocalSqs;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold start of the make-call function, measured the way Lambda pays it: a fresh JVM per run that
 * builds {@code MakeCallHandler} through its no-arg constructor and serves one {@code POST /calls}
 * against DynamoDB Local and ElasticMQ, which run here, in the benchmark's own JVM.
 *
 * <p>Beside it, in the same kind of child and alternating with it, runs its floor: {@code BareHandler},
 * the same SDK clients built the same way serving one PutItem and one SendMessage. Machines differ by
 * 2-3x; the ratio of the two medians does not, so it is what a change is judged by.
 *
 * <p>The runs go: one discarded warm-up, one AppCDS training run ({@code -XX:ArchiveClassesAtExit})
 * per handler, then N rounds of four runs (the function and its floor, each without and with its
 * archive); then two untimed runs with class loading logged. The last line is
 * {@code cold-start median_ms=N cds_median_ms=N baseline_ms=N ratio=X cds_baseline_ms=N cds_ratio=X}.
 *
 * <p>With {@code --warm-up-ab} each round also runs the function with its init's warm-up switched off
 * ({@code MAKE_CALL_WARM_UP=off}, honoured for this comparison only), plain and with its own archive,
 * and the line before the last gives those figures against the same floor.
 */
public final class ColdStartBenchmark {

    /** The function's switch for its init's warm-up, set only by this A/B. */
    private static final Map<String, String> WARM_UP_OFF = Map.of("MAKE_CALL_WARM_UP", "off");

    private final ColdStartOptions options;
    private final ChildJvm children;
    private final Path runnerJar;

    private ColdStartBenchmark(ColdStartOptions options, ChildJvm children, Path runnerJar) {
        this.options = options;
        this.children = children;
        this.runnerJar = runnerJar;
    }

    public static void main(String[] args) {
        try {
            measure(ColdStartOptions.parse(args));
        } catch (Exception e) {
            // Exit now: DynamoDB Local's non-daemon thread would keep a failed run alive for minutes.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void measure(ColdStartOptions o) throws Exception {
        Files.createDirectories(o.work());
        Path runnerJar = RunnerJar.write(o.work().resolve("runner.jar"));
        long started = System.nanoTime();
        List<String> summary;
        CloudFormationTemplate template = CloudFormationTemplate.read(o.template());
        try (LocalServices local = LocalServices.start(LocalDynamoDb.startInMemory(), LocalSqs.start(), template)) {
            System.out.printf("local services up in %d ms: DynamoDB Local %s, ElasticMQ %s%n",
                    (System.nanoTime() - started) / 1_000_000, local.dynamoDbServer().endpoint(), local.sqsServer().endpoint());
            ServiceWarmUp.seed(local, ServiceWarmUp.TENANT);
            ServiceWarmUp.warmUpServices(local);
            // Leave the servers' JIT and garbage behind before the first child starts.
            System.gc();
            Thread.sleep(1000);
            ChildJvm children = new ChildJvm(o.java(), o.functionsJar(), runnerJar, o.work(), o.extraJvmOptions(),
                    FunctionEnvironment.of(local, template));
            summary = new ColdStartBenchmark(o, children, runnerJar).run(local);
        }
        // The servers are closed (and have logged their shutdown): the summary ends the output.
        summary.forEach(System.out::println);
        System.out.flush();
        // DynamoDB Local leaves a non-daemon job thread (ShardRolloverJobScheduler) sleeping for
        // minutes after its server stopped; nothing is left to wait for.
        System.exit(0);
    }

    /** Runs the children and returns the summary lines, the last one {@code cold-start median_ms=.. ...}. */
    private List<String> run(LocalServices local) throws Exception {
        System.out.println("java: " + options.java() + " (" + children.javaVersion() + ")");
        System.out.println("child: " + String.join(" ", children.command(List.of(), "HANDLER_CLASS")));
        System.out.println("handlers: " + ColdStartRunner.MAKE_CALL_HANDLER + ", and its floor " + ColdStartRunner.BARE_HANDLER
                + " (the same SDK clients, one PutItem and one SendMessage)");
        System.out.println("child class path: only the functions' shaded jar (" + Files.size(options.functionsJar()) / 1024
                + " KiB) and runner.jar (" + Files.size(runnerJar) + " bytes)");
        System.out.println("machine: " + Machine.cores() + " cores, load average " + Machine.loadAverage()
                + " (the benchmark's own servers included; other work on the machine skews the figures)");
        System.out.println("ms = JVM start to the handler's response, as the child measures it;"
                + " wall = process spawn to the result line, as this process sees it");

        ChildRun warmUp = children.run("warm-up (discarded)", ColdStartRunner.MAKE_CALL_HANDLER, List.of());
        System.out.println(warmUp.describe("warm-up", "(discarded: warms the OS file cache)"));
        Path archive = train("cds training", ColdStartRunner.MAKE_CALL_HANDLER, options.work().resolve("app.jsa"));
        Path bareArchive = train("cds bare training", ColdStartRunner.BARE_HANDLER, options.work().resolve("bare.jsa"));
        Path offArchive = options.warmUpAb() ? train("cds no-warm-up training", ColdStartRunner.MAKE_CALL_HANDLER,
                options.work().resolve("app-no-warm-up.jsa"), WARM_UP_OFF) : null;

        // The variants alternate, so that whatever else the machine does weighs on all alike.
        RunSeries plain = new RunSeries("plain");
        RunSeries cds = new RunSeries("cds");
        RunSeries bare = new RunSeries("baseline");
        RunSeries bareCds = new RunSeries("cds baseline");
        RunSeries plainOff = new RunSeries("no warm-up");
        RunSeries cdsOff = new RunSeries("cds no warm-up");
        for (int i = 1; i <= options.runs(); i++) {
            // Without the warm-up first in odd rounds, last in even ones: neither always follows the floor.
            boolean offFirst = i % 2 == 1;
            if (options.warmUpAb() && offFirst) {
                withoutWarmUp(i, plainOff, cdsOff, offArchive);
            }
            plain.add(timed("run " + i, ColdStartRunner.MAKE_CALL_HANDLER, List.of()));
            cds.add(timed("cds run " + i, ColdStartRunner.MAKE_CALL_HANDLER, List.of("-XX:SharedArchiveFile=" + archive)));
            bare.add(timed("bare run " + i, ColdStartRunner.BARE_HANDLER, List.of()));
            bareCds.add(timed("cds bare run " + i, ColdStartRunner.BARE_HANDLER, List.of("-XX:SharedArchiveFile=" + bareArchive)));
            if (options.warmUpAb() && !offFirst) {
                withoutWarmUp(i, plainOff, cdsOff, offArchive);
            }
        }
        if (options.diagnostics()) {
            diagnose(archive);
        }
        checkQueued(local);

        List<String> summary = new ArrayList<>();
        summary.add("load average after the runs: " + Machine.loadAverage());
        summary.add(plain.summary());
        summary.add(cds.summary());
        summary.add(bare.summary());
        summary.add(bareCds.summary());
        summary.add(plain.against(bare));
        summary.add(cds.against(bareCds));
        if (options.warmUpAb()) {
            summary.add(plainOff.summary());
            summary.add(cdsOff.summary());
            summary.add(plainOff.against(bare));
            summary.add(cdsOff.against(bareCds));
        }
        summary.add(String.format(Locale.ROOT, "goals: ratio <= 1.10 %s, cds ratio <= 1.10 %s (plain < 600 ms %s, cds < 350 ms %s"
                        + " on the 2-core machine)", verdict(plain.ratio(bare) <= 1.10), verdict(cds.ratio(bareCds) <= 1.10),
                verdict(plain.median() < 600), verdict(cds.median() < 350)));
        if (options.warmUpAb()) {
            summary.add(String.format(Locale.ROOT, "cold-start-no-warm-up median_ms=%d cds_median_ms=%d ratio=%.2f cds_ratio=%.2f",
                    plainOff.median(), cdsOff.median(), plainOff.ratio(bare), cdsOff.ratio(bareCds)));
        }
        summary.add(String.format(Locale.ROOT, "cold-start median_ms=%d cds_median_ms=%d baseline_ms=%d ratio=%.2f"
                        + " cds_baseline_ms=%d cds_ratio=%.2f", plain.median(), cds.median(), bare.median(),
                plain.ratio(bare), bareCds.median(), cds.ratio(bareCds)));
        return summary;
    }

    private ChildRun timed(String label, String handler, List<String> jvmOptions) throws IOException, InterruptedException {
        return timed(label, handler, jvmOptions, Map.of());
    }

    /** Round {@code round} of the function with its warm-up switched off: plain, then with its own archive. */
    private void withoutWarmUp(int round, RunSeries plainOff, RunSeries cdsOff, Path offArchive)
            throws IOException, InterruptedException {
        plainOff.add(timed("no-warm-up run " + round, ColdStartRunner.MAKE_CALL_HANDLER, List.of(), WARM_UP_OFF));
        cdsOff.add(timed("cds no-warm-up run " + round, ColdStartRunner.MAKE_CALL_HANDLER,
                List.of("-XX:SharedArchiveFile=" + offArchive), WARM_UP_OFF));
    }

    /** @param variables added to the function's environment for this run */
    private ChildRun timed(String label, String handler, List<String> jvmOptions, Map<String, String> variables)
            throws IOException, InterruptedException {
        ChildRun run = children.run(label, handler, jvmOptions, variables);
        System.out.println(run.describe(label, ""));
        return run;
    }

    /** A discarded run that writes {@code archive} for {@code handler}'s later runs. */
    private Path train(String label, String handler, Path archive) throws IOException, InterruptedException {
        return train(label, handler, archive, Map.of());
    }

    private Path train(String label, String handler, Path archive, Map<String, String> variables)
            throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        ChildRun training = children.run(label, handler, List.of("-XX:ArchiveClassesAtExit=" + archive), variables);
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException("the training run did not write " + archive + "; see " + training.stderr());
        }
        System.out.println(training.describe(label, "(discarded: -XX:ArchiveClassesAtExit wrote "
                + Files.size(archive) / 1024 + " KiB)"));
        return archive;
    }

    private void diagnose(Path archive) throws IOException, InterruptedException {
        Map<String, Integer> plainClasses = ClassSources.count(children, options.work(), options.functionsJar(), runnerJar,
                "plain", List.of());
        Map<String, Integer> cdsClasses = ClassSources.count(children, options.work(), options.functionsJar(), runnerJar,
                "cds", List.of("-XX:SharedArchiveFile=" + archive));
        System.out.println("classes loaded, plain: " + plainClasses);
        System.out.println("classes loaded, cds:   " + cdsClasses);
        if (cdsClasses.getOrDefault("app archive", 0) == 0) {
            throw new IllegalStateException("the CDS runs loaded no class from " + archive
                    + ": the archive was not used, so the cds figures are not CDS figures");
        }
    }

    private void checkQueued(LocalServices local) {
        int queued = Integer.parseInt(local.sqs().getQueueAttributes(b -> b.queueUrl(local.queueUrl("OriginateQueue"))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        if (queued != children.requestsServed()) {
            throw new IllegalStateException(children.requestsServed() + " runs answered 202 but OriginateQueue holds " + queued
                    + " messages: the runs did not all queue their call");
        }
        System.out.println("checked: OriginateQueue holds " + queued + " messages, one per child run that answered 202");
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }
}
