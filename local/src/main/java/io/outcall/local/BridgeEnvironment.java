package io.outcall.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a bridge needs to run against this local stack: the one the in-process bridge
 * is configured from, and the one {@code ./run-local --no-bridge} prints for a bridge started as
 * its own process ({@code java -jar ami-bridge/target/ami-bridge-*.jar}).
 */
record BridgeEnvironment(Map<String, String> variables, boolean realAsterisk) {

    /** Names whose values are never printed: a real Asterisk's secret stays in the user's shell. */
    private static final List<String> SECRETS = List.of("AMI_PASSWORD");
    /** Where the simulator's recorded calls go, unless RECORDING_SPOOL says otherwise. */
    static final java.nio.file.Path LOCAL_SPOOL = java.nio.file.Path.of(".local", "recordings");

    static BridgeEnvironment of(Map<String, String> processEnvironment, String queueUrl, String dynamoDbEndpoint,
                                String sqsEndpoint, int simulatorPort, int healthPort, boolean realAsterisk) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : List.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "CALLS_TABLE",
                "TENANTS_TABLE", "CALL_EVENTS_TABLE", "CALL_STATS_TABLE", "AUDIO_BUCKET", "S3_ENDPOINT", "RECORDING_SPOOL")) {
            env.put(name, processEnvironment.get(name));
        }
        env.put("ORIGINATE_QUEUE_URL", queueUrl);
        env.put("DYNAMODB_ENDPOINT", dynamoDbEndpoint);
        env.put("SQS_ENDPOINT", sqsEndpoint);
        if (realAsterisk) {
            for (String name : List.of("AMI_HOST", "AMI_PORT", "AMI_USER", "AMI_PASSWORD")) {
                env.put(name, processEnvironment.get(name));
            }
        } else {
            env.put("AMI_HOST", "127.0.0.1");
            env.put("AMI_PORT", Integer.toString(simulatorPort));
            env.put("AMI_USER", "admin");
            env.put("AMI_PASSWORD", "admin_password");
            // The simulator writes MixMonitor's files here (LocalRunner), the bridge uploads them from here.
            env.putIfAbsent("RECORDING_SPOOL", LOCAL_SPOOL.toAbsolutePath().toString());
        }
        env.put("HEALTH_PORT", processEnvironment.getOrDefault("HEALTH_PORT", Integer.toString(healthPort)));
        env.put("BRIDGE_ID", processEnvironment.getOrDefault("BRIDGE_ID", "local-bridge"));
        env.put("CALLS_PER_SECOND", processEnvironment.getOrDefault("CALLS_PER_SECOND", "20"));
        env.values().removeIf(java.util.Objects::isNull);
        return new BridgeEnvironment(Map.copyOf(env), realAsterisk);
    }

    /** The process environment with the bridge's variables laid over it, for the in-process bridge. */
    Map<String, String> over(Map<String, String> processEnvironment) {
        Map<String, String> merged = new LinkedHashMap<>(processEnvironment);
        merged.putAll(variables);
        return merged;
    }

    /** Shell lines that start a bridge process against this stack, from the project folder. */
    String shellLines() {
        StringBuilder lines = new StringBuilder();
        variables.keySet().stream().sorted().forEach(name -> {
            if (realAsterisk && SECRETS.contains(name)) {
                lines.append("  # ").append(name).append(": already in your environment (not printed)\n");
            } else {
                lines.append("  export ").append(name).append('=').append(shellQuoted(variables.get(name))).append('\n');
            }
        });
        lines.append("  java -jar ami-bridge/target/ami-bridge-*.jar");
        return lines.toString();
    }

    private static String shellQuoted(String value) {
        return value.matches("[A-Za-z0-9_./:@=+-]*") ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
