package io.outcall.local.lambdajar;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The child side of {@code LambdaJarTest}: what the Lambda runtime does with a function, on a class
 * path of the functions' shaded jar and this class alone. It uses nothing but the JDK and the
 * Lambda runtime interfaces (which are in that jar), so anything else it touched would fail here.
 *
 * <p>Each line on stdin is {@code HANDLER_CLASS EVENT_JSON}; the handler is built once per class
 * through its no-arg constructor (the Init phase), then invoked (one Invoke per line). Each answer
 * goes to stdout on one line. A handler that throws ends the process with its stack trace on
 * stderr, as a function error would. End of stdin ends the process.
 */
public final class LambdaJarRunner {

    private LambdaJarRunner() {
    }

    public static void main(String[] args) throws Exception {
        // The functions log a JSON line per request to stdout (CloudWatch, in Lambda); stdout is kept for answers.
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Map<String, RequestStreamHandler> handlers = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int invocations = 0;
        for (String line; (line = in.readLine()) != null; ) {
            int space = line.indexOf(' ');
            String handlerClass = line.substring(0, space);
            RequestStreamHandler handler = handlers.get(handlerClass);
            if (handler == null) {
                handler = (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
                handlers.put(handlerClass, handler);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(line.substring(space + 1).getBytes(StandardCharsets.UTF_8)), out,
                    new Invocation(handlerClass, "lambda-jar-" + ++invocations));
            // Line breaks in JSON can only be whitespace between tokens (in strings they are escaped).
            answers.println(out.toString(StandardCharsets.UTF_8).replace('\n', ' ').replace('\r', ' '));
        }
        // Like the runtime's process being frozen: nothing the SDK left running keeps it alive.
        System.exit(0);
    }

    /** The Context of one Invoke; its logger writes to stderr, away from the answers. */
    record Invocation(String handlerClass, String requestId) implements Context, LambdaLogger {
        @Override public String getAwsRequestId() { return requestId; }
        @Override public String getLogGroupName() { return "/aws/lambda/" + getFunctionName(); }
        @Override public String getLogStreamName() { return "lambda-jar-test"; }
        @Override public String getFunctionName() { return handlerClass.substring(handlerClass.lastIndexOf('.') + 1); }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName();
        }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 15_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() { return this; }
        @Override public void log(String message) { System.err.println(message); }
        @Override public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
    }
}
