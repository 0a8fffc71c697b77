package io.outcall.pbxsim;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone runner:
 * {@code java -cp pbx-sim.jar io.outcall.pbxsim.Main --port 5038 --user admin --secret admin_password
 * [--bind 127.0.0.1] [--time-scale 1.0] [--reorder-seed N] [--write-timeout-ms 100] [--recording-spool DIR]}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        SimulatorConfig.Builder config = SimulatorConfig.builder();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> config.port(Integer.parseInt(require(args[i], value)));
                case "--user" -> config.username(require(args[i], value));
                case "--secret" -> config.secret(require(args[i], value));
                case "--bind" -> config.bindAddress(require(args[i], value));
                case "--time-scale" -> config.timeScale(Double.parseDouble(require(args[i], value)));
                case "--reorder-seed" -> config.reorder(ReorderMode.seeded(Long.parseLong(require(args[i], value))));
                case "--write-timeout-ms" ->
                        config.writeTimeout(Duration.ofMillis(Long.parseLong(require(args[i], value))));
                case "--recording-spool" -> config.recordingSpool(java.nio.file.Path.of(require(args[i], value)));
                case "--help", "-h" -> {
                    System.out.println("options: --port N --user U --secret S --bind ADDR --time-scale X "
                            + "--reorder-seed N --write-timeout-ms N --recording-spool DIR");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        PbxSimulator simulator = PbxSimulator.start(config.build());
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("pbx-sim: AMI listening on " + simulator.config().bindAddress() + ":" + simulator.port());
        new CountDownLatch(1).await(); // run until killed
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
