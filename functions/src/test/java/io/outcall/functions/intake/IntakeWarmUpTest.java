package io.outcall.functions.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.InitBeside;
import io.outcall.functions.IntakeWiring;
import io.outcall.functions.http.ApiResponse;
import io.outcall.localaws.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up must walk the make-call request's whole local path: a sample that stopped at
 * validation would still load Jackson but leave the rest to the first request, unnoticed. And it
 * must stay local: a table or a queue never hears of it.
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

    @Test
    void theWarmUpBesideTheClientsSendsThemNothing() throws IOException {
        // One listener stands for DynamoDB and SQS: any request would first connect to it.
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            URI endpoint = URI.create("http://127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort());
            FunctionConfig config = new FunctionConfig(Region.US_EAST_1, "CallsTable", "TenantsTable", "IdempotencyTable",
                    "CallEventsTable", "CallStatsTable", endpoint + "/000000000000/OriginateQueue", "tenant_id",
                    "test-cursor-key-0123456789abcdef", null, null);

            IntakeWiring wiring = InitBeside.run("make-call warm-up", IntakeWarmUp.steps(Map.of()),
                    () -> IntakeWiring.of(config, LocalAws.dynamoDb(endpoint), LocalAws.sqs(endpoint)));
            // As SnapStart priming runs them: every step, on this thread, to the end.
            IntakeWarmUp.steps(Map.of()).forEach(Runnable::run);

            assertNotNull(wiring.intake());
            // Both runs are over: a connection either of them opened would be waiting to be accepted.
            assertNull(listener.accept(), "the warm-up connected to the clients' endpoint");
        }
    }
}
