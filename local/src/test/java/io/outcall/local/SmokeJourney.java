package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The smoke test's journey part, through the local Lambda Invoke API as a journey engine invokes
 * Lambda: one step placed twice (a retried step: the same call, one call), then followed with the
 * status function until it is final, then an unknown function refused as Lambda refuses it.
 */
final class SmokeJourney {

    private static final Duration FINAL_WITHIN = Duration.ofSeconds(120);

    private final ObjectMapper json = new ObjectMapper();
    private final LocalInvoker lambda;
    private final String journeyId;

    SmokeJourney(LocalInvoker lambda, String journeyId) {
        this.lambda = lambda;
        this.journeyId = journeyId;
    }

    /** @return the call the step placed */
    String run() throws Exception {
        String step = "{\"tenantId\":\"demo\",\"journeyId\":\"" + journeyId + "\",\"executionId\":\"smoke-" + UUID.randomUUID()
                + "\",\"stepId\":\"call-1\",\"to\":\"+14045550141\",\"ringTimeoutSeconds\":5}";
        String callId = placed(step);
        String again = placed(step);
        SmokeTest.check(callId.equals(again), "the same journey step invoked twice is one call: " + callId + " then " + again);
        System.out.println("invoke JourneyMakeCallFunction, twice for one step: one call " + callId);

        String status = "{\"tenantId\":\"demo\",\"callId\":\"" + callId + "\"}";
        Instant deadline = Instant.now().plus(FINAL_WITHIN);
        JsonNode call;
        do {
            call = result("JourneyCallStatusFunction", status);
            if (call.path("final").asBoolean()) {
                break;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        SmokeTest.check("COMPLETED".equals(call.path("status").asText()) && "ANSWERED".equals(call.path("disposition").asText()),
                "invoke JourneyCallStatusFunction follows the step's call to COMPLETED/ANSWERED, last seen " + call);
        System.out.println("invoke JourneyCallStatusFunction: " + callId + " " + call.path("status").asText() + "/"
                + call.path("disposition").asText() + ", final");

        LocalInvoker.Result unknown = lambda.invoke("NoSuchFunction", "{}", "RequestResponse");
        SmokeTest.check(unknown.status() == 404 && "ResourceNotFoundException".equals(unknown.errorType()),
                "an unknown function is Lambda's 404 ResourceNotFoundException, was " + unknown);
        return callId;
    }

    private String placed(String step) throws Exception {
        JsonNode placed = result("JourneyMakeCallFunction", step);
        SmokeTest.check(placed.hasNonNull("callId") && placed.hasNonNull("status"),
                "invoke JourneyMakeCallFunction answers {callId, status}, was " + placed);
        return placed.path("callId").asText();
    }

    private JsonNode result(String function, String payload) throws Exception {
        LocalInvoker.Result result = lambda.invoke(function, payload, "RequestResponse");
        SmokeTest.check(result.succeeded() && result.status() == 200, "invoke " + function + " succeeds, was " + result);
        return json.readTree(result.body());
    }
}
