package io.outcall.bridge;

import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything the bridge is told by its environment. A missing or malformed variable stops the
 * start with its name and what it should look like; nothing is guessed.
 *
 * @param dialString        how a number becomes an Asterisk channel, e.g. {@code PJSIP/{number}@trunk}
 * @param callsPerSecond    originates per second, all tenants together
 * @param maxConcurrent     calls being dialed or talking at once, all tenants together
 * @param tenantCallsPerSecond / tenantMaxConcurrent the same limits for each tenant
 * @param amiPingInterval   how often the AMI link is pinged; two intervals without an answer
 *                          mean a half-open socket, and the connection is replaced
 * @param quietCallAfter    how long a call may go without any AMI event before the bridge asks
 *                          Asterisk (CoreShowChannels) whether it still has the call's channels
 */
public record BridgeConfig(
        String amiHost, int amiPort, String amiUser, String amiPassword,
        String queueUrl, String callsTable, String callEventsTable, String callStatsTable,
        Region region, URI dynamoDbEndpoint, URI sqsEndpoint,
        String dialString, double callsPerSecond, int maxConcurrent,
        double tenantCallsPerSecond, int tenantMaxConcurrent,
        int healthPort, String bridgeId, java.time.Duration amiPingInterval, java.time.Duration cancelPollInterval,
        java.time.Duration drainTimeout, java.time.Duration quietCallAfter) {

    /** The default of {@code QUIET_CALL_SECONDS}. */
    public static final java.time.Duration DEFAULT_QUIET_CALL_AFTER = java.time.Duration.ofSeconds(60);

    public BridgeConfig {
        if (!dialString.contains("{number}")) {
            throw new IllegalArgumentException("DIAL_STRING must contain {number}, e.g. PJSIP/{number}@trunk; was '"
                    + dialString + "'");
        }
    }

    /** The same with quiet calls asked about after {@link #DEFAULT_QUIET_CALL_AFTER}. */
    public BridgeConfig(String amiHost, int amiPort, String amiUser, String amiPassword,
                        String queueUrl, String callsTable, String callEventsTable, String callStatsTable,
                        Region region, URI dynamoDbEndpoint, URI sqsEndpoint,
                        String dialString, double callsPerSecond, int maxConcurrent,
                        double tenantCallsPerSecond, int tenantMaxConcurrent,
                        int healthPort, String bridgeId, java.time.Duration amiPingInterval,
                        java.time.Duration cancelPollInterval, java.time.Duration drainTimeout) {
        this(amiHost, amiPort, amiUser, amiPassword, queueUrl, callsTable, callEventsTable, callStatsTable, region,
                dynamoDbEndpoint, sqsEndpoint, dialString, callsPerSecond, maxConcurrent, tenantCallsPerSecond,
                tenantMaxConcurrent, healthPort, bridgeId, amiPingInterval, cancelPollInterval, drainTimeout,
                DEFAULT_QUIET_CALL_AFTER);
    }

    public static BridgeConfig fromEnvironment(Map<String, String> env) {
        Reader r = new Reader(env);
        String host = r.required("AMI_HOST", s -> s, "a host name or address, e.g. 127.0.0.1");
        Integer port = r.optional("AMI_PORT", "5038", Reader::port, "a TCP port, e.g. 5038");
        String user = r.required("AMI_USER", s -> s, "the manager.conf user of the bridge");
        String password = r.required("AMI_PASSWORD", s -> s, "that user's secret");
        String queue = r.required("ORIGINATE_QUEUE_URL", s -> s, "the SQS queue URL from the stack outputs");
        String calls = r.optional("CALLS_TABLE", "CallsTable", s -> s, "a DynamoDB table name");
        String events = r.optional("CALL_EVENTS_TABLE", "CallEventsTable", s -> s, "a DynamoDB table name");
        String stats = r.optional("CALL_STATS_TABLE", "CallStatsTable", s -> s, "a DynamoDB table name");
        Region region = r.required("AWS_REGION", Region::of, "an AWS region, e.g. us-east-1");
        URI dynamoDb = r.optional("DYNAMODB_ENDPOINT", null, URI::create, "a URL, e.g. http://127.0.0.1:8000");
        URI sqs = r.optional("SQS_ENDPOINT", null, URI::create, "a URL, e.g. http://127.0.0.1:9324");
        String dialString = r.optional("DIAL_STRING", "Local/{number}@outbound", s -> s, "e.g. PJSIP/{number}@trunk");
        Double cps = r.optional("CALLS_PER_SECOND", "50", Reader::positiveDouble, "a positive number");
        Integer concurrent = r.optional("MAX_CONCURRENT_CALLS", "500", Reader::positiveInt, "a positive whole number");
        Double tenantCps = r.optional("TENANT_CALLS_PER_SECOND", "10", Reader::positiveDouble, "a positive number");
        Integer tenantConcurrent = r.optional("TENANT_MAX_CONCURRENT_CALLS", "100", Reader::positiveInt,
                "a positive whole number");
        Integer healthPort = r.optional("HEALTH_PORT", "8081", Reader::port, "a TCP port");
        String bridgeId = r.optional("BRIDGE_ID", hostName(), s -> s, "a name unique among bridges, e.g. the host name");
        java.time.Duration ping = r.optional("AMI_PING_SECONDS", "5", s -> java.time.Duration.ofSeconds(Reader.positiveInt(s)),
                "a positive whole number of seconds");
        java.time.Duration cancelPoll = r.optional("CANCEL_POLL_MILLIS", "1000",
                s -> java.time.Duration.ofMillis(Reader.positiveInt(s)), "a positive whole number of milliseconds");
        java.time.Duration drain = r.optional("DRAIN_SECONDS", "30", s -> java.time.Duration.ofSeconds(Reader.positiveInt(s)),
                "a positive whole number of seconds");
        java.time.Duration quiet = r.optional("QUIET_CALL_SECONDS", Long.toString(DEFAULT_QUIET_CALL_AFTER.toSeconds()),
                s -> java.time.Duration.ofSeconds(Reader.positiveInt(s)), "a positive whole number of seconds");
        r.failIfAnyBad();
        return new BridgeConfig(host, port, user, password, queue, calls, events, stats, region, dynamoDb, sqs, dialString, cps,
                concurrent, tenantCps, tenantConcurrent, healthPort, bridgeId, ping, cancelPoll, drain, quiet);
    }

    /** What is safe to log: everything but the AMI password. */
    @Override
    public String toString() {
        return "BridgeConfig[ami=" + amiUser + "@" + amiHost + ":" + amiPort + ", queue=" + queueUrl
                + ", calls=" + callsTable + ", events=" + callEventsTable + ", stats=" + callStatsTable + ", region=" + region
                + ", dialString=" + dialString + ", callsPerSecond=" + callsPerSecond + ", maxConcurrent=" + maxConcurrent
                + ", tenantCallsPerSecond=" + tenantCallsPerSecond + ", tenantMaxConcurrent=" + tenantMaxConcurrent
                + ", healthPort=" + healthPort + ", bridgeId=" + bridgeId + ", amiPing=" + amiPingInterval + ", cancelPoll=" + cancelPollInterval + ", drain=" + drainTimeout
                + ", quietCallAfter=" + quietCallAfter + "]";
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "bridge-1" : host;
    }

    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        <T> T required(String name, Function<String, T> parse, String expected) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                problems.add(name + " is not set; expected " + expected);
                return null;
            }
            return parse(name, value, parse, expected);
        }

        <T> T optional(String name, String fallback, Function<String, T> parse, String expected) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return fallback == null ? null : parse.apply(fallback);
            }
            return parse(name, value, parse, expected);
        }

        private <T> T parse(String name, String value, Function<String, T> parse, String expected) {
            try {
                return parse.apply(value.trim());
            } catch (RuntimeException e) {
                problems.add(name + " is '" + value + "'; expected " + expected);
                return null;
            }
        }

        void failIfAnyBad() {
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("bad bridge configuration: " + String.join("; ", problems));
            }
        }

        static int port(String s) {
            int port = Integer.parseInt(s);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException();
            }
            return port;
        }

        static int positiveInt(String s) {
            int v = Integer.parseInt(s);
            if (v < 1) {
                throw new IllegalArgumentException();
            }
            return v;
        }

        static double positiveDouble(String s) {
            double v = Double.parseDouble(s);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException();
            }
            return v;
        }
    }
}
