package io.outcall.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoQueuedCalls;
import io.outcall.core.dynamo.DynamoScheduledCalls;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.json.Json;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.schedule.ScheduleSettings;
import io.outcall.core.sweep.SweepSettings;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.IntakeWiring;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.auth.TenantClaimTrigger;
import io.outcall.functions.calllog.JourneyCallStatusHandler;
import io.outcall.functions.intake.JourneyMakeCallHandler;
import io.outcall.functions.intake.JourneyMakeCallsHandler;
import io.outcall.functions.schedule.DueCallSchedulerHandler;
import io.outcall.functions.sweep.QueuedCallSweepHandler;
import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local Lambda Invoke API, driven by the AWS SDK's own LambdaClient as a journey engine drives
 * Lambda: the template's journey functions and sweeper, built as Lambda builds them but wired to
 * DynamoDB Local and ElasticMQ, place and read real calls.
 */
class InvokeApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalServices local;
    private static InvokeApi api;
    private static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        local = LocalServices.startInMemory();
        DemoTenant.seed(local.dynamoDb(), "TenantsTable");
        FunctionConfig config = new FunctionConfig(Region.US_EAST_1, "CallsTable", "TenantsTable", "IdempotencyTable",
                "CallEventsTable", "CallStatsTable", local.queueUrl("OriginateQueue"), "tenant_id", null, null, null);
        api = new InvokeApi(0, InvokeApi.functionsOf(CloudFormationTemplate.findFromWorkingDirectory(),
                className -> onLocalServices(className, config)), JSON);
        lambda = LambdaClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + api.port()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    /** The handlers the template names, each as its no-arg constructor builds it, on the local stand-ins. */
    private static RequestStreamHandler onLocalServices(String className, FunctionConfig config) {
        var dynamoDb = local.dynamoDb();
        if (className.equals(JourneyMakeCallHandler.class.getName())) {
            return new JourneyMakeCallHandler(IntakeWiring.of(config, dynamoDb, local.sqs()));
        }
        if (className.equals(JourneyMakeCallsHandler.class.getName())) {
            return new JourneyMakeCallsHandler(IntakeWiring.of(config, dynamoDb, local.sqs()));
        }
        if (className.equals(JourneyCallStatusHandler.class.getName())) {
            return new JourneyCallStatusHandler(ReadWiring.of(config, dynamoDb));
        }
        if (className.equals(QueuedCallSweepHandler.class.getName())) {
            SweepSettings settings = SweepSettings.fromEnvironment(Map.of());
            DynamoCallStore calls = new DynamoCallStore(dynamoDb, "CallsTable", "CallStatsTable", settings.shards());
            return new QueuedCallSweepHandler(new DynamoQueuedCalls(dynamoDb, "CallsTable", calls),
                    new SqsOriginateQueue(local.sqs(), config.originateQueueUrl(), new OriginateMessageCodec(Json.standard())),
                    settings, Clock.systemUTC(), line -> { });
        }
        if (className.equals(DueCallSchedulerHandler.class.getName())) {
            ScheduleSettings settings = ScheduleSettings.fromEnvironment(Map.of());
            return new DueCallSchedulerHandler(new DynamoScheduledCalls(dynamoDb, "CallsTable", settings.shards()),
                    new SqsOriginateQueue(local.sqs(), config.originateQueueUrl(), new OriginateMessageCodec(Json.standard())),
                    new DynamoTenantStore(dynamoDb, "TenantsTable"), settings, Clock.systemUTC(), line -> { });
        }
        if (className.equals(TenantClaimTrigger.class.getName())) {
            return new TenantClaimTrigger();
        }
        throw new AssertionError("the Invoke API asked for " + className + ", which is behind an HTTP route");
    }

    @AfterAll
    static void stop() {
        lambda.close();
        api.close();
        local.close();
    }

    @Test
    void itServesEveryFunctionNoRouteReaches() {
        assertEquals(List.of("JourneyMakeCallFunction", "JourneyMakeCallsFunction", "JourneyCallStatusFunction",
                "QueuedCallSweepFunction", "DueCallSchedulerFunction", "TenantClaimTriggerFunction"), api.functionNames(),
                "the scheduled ones (an EventBridge schedule is no event source mapping), and Cognito's trigger too:"
                        + " the user pool is wired to it in template.yaml, not by an event");
    }

    @Test
    void aJourneyStepPlacesOneCallHoweverOftenItIsInvokedAndItsStatusIsRead() throws Exception {
        String execution = "exec-" + UUID.randomUUID();
        InvokeResponse first = lambda.invoke(b -> b.functionName("JourneyMakeCallFunction").payload(step(execution, "+17065551231")));
        assertEquals(200, first.statusCode());
        assertNull(first.functionError());
        assertEquals("$LATEST", first.executedVersion());
        assertNotNull(first.responseMetadata().requestId());
        JsonNode placed = JSON.readTree(first.payload().asUtf8String());
        assertEquals("QUEUED", placed.path("status").asText());

        // A retried step, named by its ARN and $LATEST this time: the same call, no second one.
        InvokeResponse again = lambda.invoke(b -> b.functionName(InvokeTarget.arn("JourneyMakeCallFunction") + ":$LATEST")
                .payload(step(execution, "+17065551231")));
        assertEquals(placed.path("callId").asText(), JSON.readTree(again.payload().asUtf8String()).path("callId").asText());
        assertEquals(1, callsOf(execution));

        InvokeResponse status = lambda.invoke(b -> b.functionName("JourneyCallStatusFunction").qualifier("$LATEST")
                .payload(SdkBytes.fromUtf8String("{\"tenantId\":\"demo\",\"callId\":\"" + placed.path("callId").asText() + "\"}")));
        JsonNode call = JSON.readTree(status.payload().asUtf8String());
        assertEquals(placed.path("callId").asText(), call.path("callId").asText());
        assertEquals("QUEUED", call.path("status").asText());
        assertEquals(false, call.path("final").asBoolean(true));
    }

    @Test
    void aBatchOfStepsAnswersPerStepAndTheSingleInputFindsTheSameCall() throws Exception {
        String execution = "exec-" + UUID.randomUUID();
        String batch = "{\"tenantId\":\"demo\",\"journeyId\":\"j-batch\",\"executionId\":\"" + execution + "\",\"steps\":["
                + "{\"stepId\":\"a\",\"to\":\"+17065551231\"},{\"stepId\":\"b\",\"to\":\"12\"}]}";
        InvokeResponse response = lambda.invoke(b -> b.functionName("JourneyMakeCallsFunction").payload(SdkBytes.fromUtf8String(batch)));
        assertNull(response.functionError(), response.payload().asUtf8String());
        JsonNode results = JSON.readTree(response.payload().asUtf8String()).path("results");
        assertEquals(202, results.path(0).path("status").asInt(), results.toString());
        assertEquals(400, results.path(1).path("status").asInt(), "an invalid number refuses its step, not the batch");

        // The same step through the single input is the call the batch placed.
        JsonNode single = JSON.readTree(lambda.invoke(b -> b.functionName("JourneyMakeCallFunction").payload(SdkBytes.fromUtf8String(
                "{\"tenantId\":\"demo\",\"journeyId\":\"j-batch\",\"executionId\":\"" + execution
                        + "\",\"stepId\":\"a\",\"to\":\"+17065551231\"}"))).payload().asUtf8String());
        assertEquals(results.path(0).path("call").path("callId").asText(), single.path("callId").asText());
        assertEquals(1, callsOf(execution));
    }

    @Test
    void aHandlersExceptionIsAnUnhandledFunctionErrorAsTheJavaRuntimeReportsIt() throws Exception {
        InvokeResponse response = lambda.invoke(b -> b.functionName("JourneyMakeCallFunction")
                .payload(step("exec-" + UUID.randomUUID(), "12")));
        assertEquals(200, response.statusCode(), "Lambda answers 200: the invoke worked, the function failed");
        assertEquals("Unhandled", response.functionError());
        JsonNode error = JSON.readTree(response.payload().asUtf8String());
        assertEquals("io.outcall.core.intake.InvalidCallRequestException", error.path("errorType").asText());
        assertTrue(error.path("errorMessage").asText().contains("to"), error.toString());
        assertTrue(error.path("stackTrace").isArray() && error.path("stackTrace").size() > 0, error.toString());
        assertTrue(error.path("stackTrace").get(0).asText().matches(".+\\(.+\\)"), "frames as Java prints them: " + error);
    }

    @Test
    void anUnknownFunctionIsResourceNotFound() {
        var unknown = assertThrows(ResourceNotFoundException.class,
                () -> lambda.invoke(b -> b.functionName("NoSuchFunction").payload(SdkBytes.fromUtf8String("{}"))));
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.getMessage().contains("Function not found: arn:aws:lambda:us-east-1:000000000000:function:NoSuchFunction"),
                unknown.getMessage());
        // A routed function is the HTTP front's; a published version or alias does not exist locally.
        assertThrows(ResourceNotFoundException.class,
                () -> lambda.invoke(b -> b.functionName("MakeCallFunction").payload(SdkBytes.fromUtf8String("{}"))));
        var alias = assertThrows(ResourceNotFoundException.class, () -> lambda.invoke(b -> b
                .functionName("JourneyCallStatusFunction").qualifier("live").payload(SdkBytes.fromUtf8String("{}"))));
        assertTrue(alias.getMessage().contains("function:JourneyCallStatusFunction:live"), alias.getMessage());
    }

    @Test
    void anEventInvocationIsAcceptedAt202AndItsCallAppears() throws Exception {
        String execution = "exec-" + UUID.randomUUID();
        InvokeResponse response = lambda.invoke(b -> b.functionName("JourneyMakeCallFunction")
                .invocationType(InvocationType.EVENT).payload(step(execution, "+17065551232")));
        assertEquals(202, response.statusCode());
        assertEquals(0, response.payload().asByteArray().length);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (callsOf(execution) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50); // between looks at the table: the call comes when the background run ends
        }
        assertEquals(1, callsOf(execution), "the call the Event invocation placed");
    }

    @Test
    void aDryRunChecksAndRunsNothing() {
        String execution = "exec-" + UUID.randomUUID();
        InvokeResponse response = lambda.invoke(b -> b.functionName("JourneyMakeCallFunction")
                .invocationType(InvocationType.DRY_RUN).payload(step(execution, "+17065551233")));
        assertEquals(204, response.statusCode());
        assertEquals(0, callsOf(execution));
    }

    @Test
    void payloadsOverLambdasQuotasAndNonJsonAreRefusedAsLambdaRefusesThem() {
        var tooLarge = assertThrows(RequestTooLargeException.class, () -> lambda.invoke(b -> b
                .functionName("JourneyMakeCallFunction").payload(SdkBytes.fromUtf8String("\"" + "x".repeat(InvokeApi.SYNC_LIMIT) + "\""))));
        assertEquals(413, tooLarge.statusCode());
        assertTrue(tooLarge.getMessage().contains("6291456 bytes"), tooLarge.getMessage());
        var eventTooLarge = assertThrows(RequestTooLargeException.class, () -> lambda.invoke(b -> b
                .functionName("JourneyMakeCallFunction").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("\"" + "x".repeat(InvokeApi.ASYNC_LIMIT) + "\""))));
        assertTrue(eventTooLarge.getMessage().contains("Event invocation type (limit 1048576 bytes)"), eventTooLarge.getMessage());
        assertThrows(InvalidRequestContentException.class, () -> lambda.invoke(b -> b
                .functionName("JourneyMakeCallFunction").payload(SdkBytes.fromUtf8String("{not json"))));
    }

    @Test
    void theSweeperCanBeRunByHand() throws Exception {
        InvokeResponse response = lambda.invoke(b -> b.functionName("QueuedCallSweepFunction"));
        assertNull(response.functionError(), () -> response.payload().asUtf8String());
        assertTrue(JSON.readTree(response.payload().asUtf8String()).isObject(), "its report line");
    }

    @Test
    void runLocalInvokePrintsTheResultOrTheErrorWithExitStatus1() throws Exception {
        LocalInvoker invoker = LocalInvoker.onPort(api.port());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String execution = "exec-" + UUID.randomUUID();
        assertEquals(0, command(invoker, "JourneyMakeCallFunction", step(execution, "+17065551234").asUtf8String(), out, err));
        assertEquals("QUEUED", JSON.readTree(out.toString(StandardCharsets.UTF_8)).path("status").asText());

        assertEquals(1, command(invoker, "JourneyMakeCallFunction", step(execution, "12").asUtf8String(), out, err));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("InvalidCallRequestException"), err.toString());
        assertEquals(1, command(invoker, "NoSuchFunction", "{}", out, err));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("(ResourceNotFoundException) when calling the Invoke operation:"
                + " Function not found"), err.toString());

        int nothingThere = io.outcall.localaws.Ports.free();
        assertEquals(1, command(LocalInvoker.onPort(nothingThere), "JourneyMakeCallFunction", "{}", out, err));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is ./run-local running?"), err.toString());
    }

    private static int command(LocalInvoker invoker, String function, String payload, ByteArrayOutputStream out,
                               ByteArrayOutputStream err) throws InterruptedException {
        out.reset();
        err.reset();
        return InvokeCommand.run(invoker, new LocalOptions.Invoke(function, payload, "RequestResponse"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static SdkBytes step(String execution, String to) {
        return SdkBytes.fromUtf8String("{\"tenantId\":\"demo\",\"journeyId\":\"journey-1\",\"executionId\":\"" + execution
                + "\",\"stepId\":\"call\",\"to\":\"" + to + "\"}");
    }

    private static int callsOf(String execution) {
        return local.dynamoDb().scan(b -> b.tableName("CallsTable").consistentRead(true)
                .filterExpression("executionId = :e").expressionAttributeValues(Map.of(":e", AttributeValue.fromS(execution))))
                .count();
    }
}
