package io.outcall.bench.coldstart.child;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The few things a Context says; the make-call handler reads none of them today, the bare one its request id. */
final class InvokeContext implements Context {
    private final String requestId;

    InvokeContext(String requestId) {
        this.requestId = requestId;
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/MakeCallFunction"; }
    @Override public String getLogStreamName() { return "cold-start"; }
    @Override public String getFunctionName() { return "MakeCallFunction"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:MakeCallFunction";
    }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 15_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return new StdoutLogger(); }
}
