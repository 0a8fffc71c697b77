package io.outcall.local;

/**
 * @param tokenFor non-null for {@code ./run-local token --tenant T}: print a token and exit
 * @param noBridge start everything but the bridge, and print the environment a bridge process needs
 */
record LocalOptions(boolean inMemory, int port, boolean help, String tokenFor, boolean noBridge) {

    static final String USAGE = """
            usage: ./run-local [--in-memory] [--port N] [--no-bridge]
                   ./run-local token --tenant T
                   ./run-local --help

            Runs the whole system on this machine: DynamoDB Local (port 8000), ElasticMQ (9324), an
            API Gateway-like HTTP front with JWT (--port, default 3000), the AMI bridge (health 8081),
            and the PBX simulator (5038) unless AMI_HOST/AMI_PORT/AMI_USER/AMI_PASSWORD name a real
            Asterisk.

              --in-memory      keep no data (default: .local/dynamodb survives restarts)
              --port N         the API's port (default 3000)
              --no-bridge      start everything but the bridge and print the environment to run it
                               as its own process: java -jar ami-bridge/target/ami-bridge-*.jar
              token --tenant T print a token for tenant T, signed with the local key, and exit

            Environment: JWT_JWKS_URL and JWT_ISSUER verify RS256 tokens of a real identity provider
            instead of local ones; TENANT_CLAIM names the tenant claim (default tenant_id).""";

    static LocalOptions parse(String[] args) {
        boolean inMemory = false;
        boolean help = false;
        boolean noBridge = false;
        int port = 3000;
        String tokenFor = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--in-memory" -> inMemory = true;
                case "--help", "-h" -> help = true;
                case "--no-bridge" -> noBridge = true;
                case "--port" -> port = port(value(args, ++i, "--port"));
                case "token" -> {
                    if (i + 1 >= args.length || !"--tenant".equals(args[i + 1])) {
                        throw new IllegalArgumentException("token needs --tenant T");
                    }
                    tokenFor = value(args, i + 2, "--tenant");
                    if (tokenFor.isBlank()) {
                        throw new IllegalArgumentException("--tenant needs a tenant id");
                    }
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return new LocalOptions(inMemory, port, help, tokenFor, noBridge);
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
