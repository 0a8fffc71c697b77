package io.outcall.functions.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.call.Call;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.dynamo.DynamoWebhookEndpointStore;
import io.outcall.core.intake.InvalidCallRequestException;
import io.outcall.core.json.Json;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.webhooks.DeliveryMessageCodec;
import io.outcall.core.webhooks.SqsWebhookQueue;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.IntakeWiring;
import io.outcall.functions.intake.JourneyMakeCallHandler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journey step that waits (Step Functions' {@code .waitForTaskToken}): the journey function
 * stores the token on the call, and when the call ends the publisher resumes the step through the
 * real SDK client, on an in-process endpoint speaking the Step Functions JSON protocol (which reads
 * back what it was asked). Subclasses name the backends the call and its stream live on.
 */
abstract class JourneyTaskTokenScenarios {

    private static final Json JSON = Json.standard();
    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAb+Y2Vb1lJq/x3Ts3l6Gsl0J2cI=";

    /** Starts the backends the scenario runs on; it closes them. */
    abstract EventBackends startBackends();

    @Test
    void aWaitingStepIsResumedWithTheCallsItemWhenTheCallEnds() throws Exception {
        try (EventBackends aws = startBackends();
             AwsJsonEndpoint stepFunctions = new AwsJsonEndpoint((target, body) -> AwsJsonEndpoint.Answer.ok("{}"))) {
            StreamedCalls calls = new StreamedCalls(aws);
            DynamoTenantStore tenants = new DynamoTenantStore(aws.dynamoDb(), "TenantsTable");
            tenants.put(new Tenant("acme", "Acme Inc", "US", List.of("DynamicIVR"), "DynamicIVR", List.of()));
            tenants.put(new Did("acme", "did-main", "+14045550100", "Acme", true, null, 0));
            JourneyMakeCallHandler journey = new JourneyMakeCallHandler(IntakeWiring.of(new FunctionConfig(
                    Region.US_EAST_1, "CallsTable", "TenantsTable", "IdempotencyTable", "CallEventsTable", "CallStatsTable",
                    aws.queueUrl("OriginateQueue"), "tenant_id", null, null, null, "scope"), aws.dynamoDb(), aws.sqs()));

            String step = "{\"tenantId\":\"acme\",\"journeyId\":\"welcome\",\"executionId\":\"exec-1\",\"stepId\":\"call\","
                    + "\"to\":\"+14045550123\",\"taskToken\":\"" + TOKEN + "\"}";
            String callId = JSON.read(invoke(journey, step)).get("callId").asText();
            Call stored = calls.store().find(callId).orElseThrow();
            assertEquals(TOKEN, stored.journey().taskToken());
            assertTrue(!stored.journey().toString().contains(TOKEN), "the token never shows in a log line");

            InvalidCallRequestException bad = assertThrows(InvalidCallRequestException.class,
                    () -> invoke(journey, step.replace("exec-1", "exec-2").replace(TOKEN, "has a space")));
            assertEquals(List.of("taskToken"), bad.violations().stream().map(v -> v.field()).toList());

            calls.dial(callId, "acme", StreamedCalls.Outcome.BUSY);
            SfnClient sfn = SfnClient.builder().endpointOverride(stepFunctions.uri()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create()).build();
            List<String> log = new ArrayList<>();
            CallEventPublisherHandler publisher = new CallEventPublisherHandler(
                    new DynamoWebhookEndpointStore(aws.dynamoDb(), "WebhooksTable", "TenantsTable"),
                    new SqsWebhookQueue(aws.sqs(), aws.queueUrl("WebhookQueue"), new DeliveryMessageCodec(JSON)),
                    Optional.empty(), new StepFunctionsJourneyWaits(sfn), JSON, Clock.systemUTC(), log::add);
            invoke(publisher, calls.nextEvent(4));

            var resumed = stepFunctions.requests("AWSStepFunctions.SendTaskSuccess");
            assertEquals(1, resumed.size(), "resumed once, at the final status: " + log);
            assertEquals("application/x-amz-json-1.0", resumed.get(0).contentType());
            assertEquals(TOKEN, resumed.get(0).body().get("taskToken").asText());
            JsonNode output = JSON.read(resumed.get(0).body().get("output").asText());
            assertEquals(callId, output.get("callId").asText());
            assertEquals("BUSY", output.get("status").asText());
            assertEquals(17, output.get("cause").get("code").asInt());
            assertEquals("exec-1", output.get("journey").get("executionId").asText());
            assertTrue(!output.toString().contains(TOKEN), "the output does not carry the token back");
        }
    }

    private static String invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String input)
            throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }
}
