package io.outcall.bench.coldstart.child;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** Lambda sends a function's log lines to CloudWatch; here they go to stdout. */
final class StdoutLogger implements LambdaLogger {
    @Override public void log(String message) { System.out.print(message); }
    @Override public void log(byte[] message) { System.out.write(message, 0, message.length); }
}
