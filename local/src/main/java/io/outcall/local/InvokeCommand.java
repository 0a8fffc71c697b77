package io.outcall.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code ./run-local invoke NAME --payload JSON}: the short form of {@code aws lambda invoke
 * --endpoint-url http://127.0.0.1:3001}. The function's result goes to standard output; a function
 * error or a refused request goes to standard error with exit status 1.
 */
final class InvokeCommand {

    private InvokeCommand() {
    }

    /** @return the exit status */
    static int run(LocalInvoker invoker, LocalOptions.Invoke invoke, PrintStream out, PrintStream err)
            throws InterruptedException {
        LocalInvoker.Result result;
        try {
            result = invoker.invoke(invoke.function(), invoke.payload(), invoke.invocationType());
        } catch (IOException e) {
            err.println("run-local invoke: " + e.getMessage());
            return 1;
        }
        if (result.errorType() != null) {
            // As the AWS CLI words it.
            err.println("run-local invoke: an error occurred (" + result.errorType() + ") when calling the Invoke operation: "
                    + field(result.body(), "message"));
            return 1;
        }
        if (result.functionError() != null) {
            err.println("run-local invoke: " + invoke.function() + " failed (X-Amz-Function-Error: " + result.functionError()
                    + "): " + field(result.body(), "errorType") + ": " + field(result.body(), "errorMessage"));
            err.println(result.body());
            return 1;
        }
        if (result.status() != 200) {
            err.println("run-local invoke: " + invoke.invocationType() + " accepted (" + result.status() + ")");
            return result.succeeded() ? 0 : 1;
        }
        out.println(result.body());
        return 0;
    }

    private static String field(String body, String name) {
        try {
            return new ObjectMapper().readTree(body).path(name).asText(body);
        } catch (JsonProcessingException e) {
            return body;
        }
    }
}
