package io.outcall.local;

/**
 * @param lambdaPort the port of the local Lambda Invoke API (and the one {@code invoke} calls)
 * @param token non-null for {@code ./run-local token ...}: print a token with these scopes and exit
 * @param noBridge start everything but the bridge, and print the environment a bridge process needs
 * @param invoke non-null for {@code ./run-local invoke NAME ...}: invoke a function of the running stack and exit
 * @param webhookEchoPort non-null for {@code ./run-local webhook-echo}: run only the echo receiver, on this port
 */
record LocalOptions(boolean inMemory, int port, int lambdaPort, boolean help, TokenGrant token, boolean noBridge,
                    Invoke invoke, Integer webhookEchoPort) {

    /** {@code ./run-local invoke NAME --payload JSON [--invocation-type T]}. */
    record Invoke(String function, String payload, String invocationType) {
    }

    static final int DEFAULT_LAMBDA_PORT = 3001;

    static final String USAGE = """
            usage: ./run-local [--in-memory] [--port N] [--lambda-port N] [--no-bridge]
                   ./run-local token --tenant T [--admin] [--platform]
                   ./run-local token --platform
                   ./run-local invoke NAME [--payload JSON] [--invocation-type RequestResponse|Event|DryRun] [--lambda-port N]
                   ./run-local webhook-echo [--echo-port N]
                   ./run-local --help

            Runs the whole system on this machine: DynamoDB Local (port 8000), ElasticMQ (9324), S3 (s3proxy, 9000), an
            API Gateway-like HTTP front with JWT (--port, default 3000) that also serves the web
            console at / and the API reference at /docs, AWS Lambda's Invoke API for
            the functions no route reaches (--lambda-port, default 3001), the AMI bridge (health 8081),
            and the PBX simulator (5038) unless AMI_HOST/AMI_PORT/AMI_USER/AMI_PASSWORD name a real
            Asterisk.

              --in-memory      keep no data (default: .local/dynamodb and .local/s3 survive restarts)
              --port N         the API's port (default 3000)
              --lambda-port N  the Lambda Invoke API's port (default 3001, as sam local start-lambda);
                               the AWS SDK and CLI reach it with --endpoint-url http://127.0.0.1:N
              --no-bridge      start everything but the bridge and print the environment to run it
                               as its own process: java -jar ami-bridge/target/ami-bridge-*.jar
              token --tenant T print a token for tenant T (scope outcall/calls), signed with the
                               local key in .local/jwt-rs256.jwk, valid 12 h, and exit
                --admin        add scope outcall/admin: manage tenant T's settings and numbers
                --platform     add scope outcall/platform: the operator (create, list, suspend
                               tenants); --tenant is optional with it
              invoke NAME      invoke function NAME of template.yaml (e.g. JourneyMakeCallFunction,
                               JourneyCallStatusFunction, QueuedCallSweepFunction) on the running
                               ./run-local and print its result; --payload is its JSON input (default
                               {}); a function error or an unknown function prints the error, exit 1
              webhook-echo     run a webhook receiver on 127.0.0.1:8090/webhooks (--echo-port N) that
                               prints every delivery whose signature it verifies; the demo tenant's
                               webhook endpoint points at it

            Environment: JWT_JWKS_URL and JWT_ISSUER verify the tokens of a real identity provider
            instead of local ones, JWT_AUDIENCE its accepted audiences (comma-separated, checked
            against aud, or client_id when there is no aud; default outcall-api); TENANT_CLAIM names
            the tenant claim (default tenant_id), SCOPE_CLAIM the scopes claim (default scope).""";

    static LocalOptions parse(String[] args) {
        boolean inMemory = false;
        boolean help = false;
        boolean noBridge = false;
        int port = 3000;
        int lambdaPort = DEFAULT_LAMBDA_PORT;
        TokenGrant token = null;
        String function = null;
        String payload = "{}";
        String invocationType = "RequestResponse";
        boolean invokeOption = false;
        Integer echoPort = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--in-memory" -> inMemory = true;
                case "--help", "-h" -> help = true;
                case "--no-bridge" -> noBridge = true;
                case "--port" -> port = port("--port", value(args, ++i, "--port"));
                case "--lambda-port" -> lambdaPort = port("--lambda-port", value(args, ++i, "--lambda-port"));
                case "token" -> {
                    token = token(args, i + 1);
                    i = args.length;
                }
                case "invoke" -> {
                    function = value(args, ++i, "invoke");
                    if (function.startsWith("-")) {
                        throw new IllegalArgumentException("invoke needs a function name first, e.g. invoke JourneyMakeCallFunction");
                    }
                }
                case "webhook-echo" -> echoPort = echoPort == null ? WebhookEcho.DEFAULT_PORT : echoPort;
                case "--echo-port" -> echoPort = port("--echo-port", value(args, ++i, "--echo-port"));
                case "--payload" -> {
                    payload = value(args, ++i, "--payload");
                    invokeOption = true;
                }
                case "--invocation-type" -> {
                    invocationType = value(args, ++i, "--invocation-type");
                    invokeOption = true;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        if (function == null && invokeOption) {
            throw new IllegalArgumentException("--payload and --invocation-type go with invoke NAME");
        }
        return new LocalOptions(inMemory, port, lambdaPort, help, token, noBridge,
                function == null ? null : new Invoke(function, payload, invocationType), echoPort);
    }

    /** {@code token}'s own options, which are all that may follow it. */
    private static TokenGrant token(String[] args, int from) {
        String tenant = null;
        boolean admin = false;
        boolean platform = false;
        for (int i = from; i < args.length; i++) {
            switch (args[i]) {
                case "--tenant" -> tenant = value(args, ++i, "--tenant");
                case "--admin" -> admin = true;
                case "--platform" -> platform = true;
                default -> throw new IllegalArgumentException("token takes --tenant T, --admin, --platform; not '" + args[i] + "'");
            }
        }
        return new TokenGrant(tenant, admin, platform);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a port number from 1 to 65535, not '" + value + "'");
        }
    }
}
