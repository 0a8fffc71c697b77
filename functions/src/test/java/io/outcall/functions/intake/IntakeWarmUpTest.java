package io.outcall.functions.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.functions.http.ApiResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up must walk the make-call request's whole local path: a sample that stopped at
 * validation would still load Jackson but leave the rest to the first request, unnoticed. That it
 * stays local (its steps are given the environment, never a client) is proven over DynamoDB Local
 * and ElasticMQ by IntakeScenarios: no call is written and no message queued.
 */
class IntakeWarmUpTest {

    @Test
    void theSampleRequestIsAcceptedAndAnsweredAsTheHandlerAnswers() throws Exception {
        ApiResponse answer = IntakeWarmUp.answerSample();

        assertEquals(202, answer.statusCode());
        assertEquals("/calls/warm-up-call", answer.headers().get("location"));
        JsonNode call = new ObjectMapper().readTree(answer.body());
        assertEquals("+14045550100", call.path("to").asText());
        assertEquals("QUEUED", call.path("status").asText());
        assertTrue(call.path("createdAt").isTextual());
    }

    @Test
    void theStepsRunInOrderWithoutFailing() {
        assertEquals(4, IntakeWarmUp.steps(Map.of()).size());
        IntakeWarmUp.steps(Map.of()).forEach(Runnable::run);
    }

    @Test
    void theBenchmarksSwitchLeavesNoStep() {
        assertTrue(IntakeWarmUp.steps(Map.of("MAKE_CALL_WARM_UP", "off")).isEmpty());
        assertEquals(4, IntakeWarmUp.steps(Map.of("MAKE_CALL_WARM_UP", "on")).size());
    }
}
