package io.outcall.local;

/**
 * @param token non-null for {@code ./run-local token ...}: print a token with these scopes and exit
 * @param noBridge start everything but the bridge, and print the environment a bridge process needs
 */
record LocalOptions(boolean inMemory, int port, boolean help, TokenGrant token, boolean noBridge) {

    static final String USAGE = """
            usage: ./run-local [--in-memory] [--port N] [--no-bridge]
                   ./run-local token --tenant T [--admin] [--platform]
                   ./run-local token --platform
                   ./run-local --help

            Runs the whole system on this machine: DynamoDB Local (port 8000), ElasticMQ (9324), an
            API Gateway-like HTTP front with JWT (--port, default 3000), the AMI bridge (health 8081),
            and the PBX simulator (5038) unless AMI_HOST/AMI_PORT/AMI_USER/AMI_PASSWORD name a real
            Asterisk.

              --in-memory      keep no data (default: .local/dynamodb survives restarts)
              --port N         the API's port (default 3000)
              --no-bridge      start everything but the bridge and print the environment to run it
                               as its own process: java -jar ami-bridge/target/ami-bridge-*.jar
              token --tenant T print a token for tenant T (scope outcall/calls), signed with the
                               local key in .local/jwt-rs256.jwk, valid 12 h, and exit
                --admin        add scope outcall/admin: manage tenant T's settings and numbers
                --platform     add scope outcall/platform: the operator (create, list, suspend
                               tenants); --tenant is optional with it

            Environment: JWT_JWKS_URL and JWT_ISSUER verify the tokens of a real identity provider
            instead of local ones, JWT_AUDIENCE its accepted audiences (comma-separated, checked
            against aud, or client_id when there is no aud; default outcall-api); TENANT_CLAIM names
            the tenant claim (default tenant_id), SCOPE_CLAIM the scopes claim (default scope).""";

    static LocalOptions parse(String[] args) {
        boolean inMemory = false;
        boolean help = false;
        boolean noBridge = false;
        int port = 3000;
        TokenGrant token = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--in-memory" -> inMemory = true;
                case "--help", "-h" -> help = true;
                case "--no-bridge" -> noBridge = true;
                case "--port" -> port = port(value(args, ++i, "--port"));
                case "token" -> {
                    token = token(args, i + 1);
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return new LocalOptions(inMemory, port, help, token, noBridge);
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

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a port number from 1 to 65535, not '" + value + "'");
        }
    }
}
