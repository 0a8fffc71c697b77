package io.outcall.local;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The whole local stack as ./run-local starts it (in memory), on the ports a test chose: the
 * child process of {@link ConsoleStack}. A process of its own because the functions read their
 * settings from the environment, which only a new process can be given.
 *
 * <p>Arguments: front port, Lambda port, DynamoDB port, SQS port, bridge health port, simulator
 * port, state folder.
 */
public final class ConsoleStackMain {

    private ConsoleStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[7]);
        LocalAuth auth = LocalAuth.fromEnvironment(LocalIssuer.fromState(state, Clock.systemUTC()), System.getenv());
        LocalOptions options = LocalOptions.parse(new String[] {"--in-memory", "--port", args[0], "--lambda-port", args[1]});
        StackPorts ports = new StackPorts(Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                Integer.parseInt(args[5]), Integer.parseInt(args[6]));
        LocalRunner.run(options, state, auth, new ObjectMapper(), ports);
    }
}
