package io.outcall.functions.calllog;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoRecordingStore;
import io.outcall.core.dynamo.DynamoTenantAdminStore;
import io.outcall.core.recording.Recording;
import io.outcall.core.recording.RecordingKeys;
import io.outcall.core.tenant.AuditEntry;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.RecordingWiring;
import io.outcall.functions.intake.ApiGatewayEvents;
import io.outcall.functions.testing.OpenApiContract;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET and DELETE /calls/{callId}/recording over DynamoDB Local and s3proxy, each answer checked
 * against openapi.yaml: the presigned link really serves the audio, another tenant's recording is
 * not found, a delete takes the object, the field and leaves an audit entry.
 */
class CallRecordingApiTest {

    private static final byte[] AUDIO = "RIFF....WAVEfmt a recording".getBytes();
    private static LocalServices local;
    private static DynamoCallStore calls;
    private static DynamoRecordingStore recordings;
    private static CallRecordingHandler handler;
    private static String bucket;

    @BeforeAll
    static void start() {
        local = LocalServices.startInMemory();
        bucket = local.bucketName("AudioBucket");
        FunctionConfig config = new FunctionConfig(Region.US_EAST_1, "CallsTable", "TenantsTable", "IdempotencyTable",
                "CallEventsTable", "CallStatsTable", local.queueUrl("OriginateQueue"), "tenant_id", null, null, null);
        ReadWiring read = ReadWiring.of(config, local.dynamoDb());
        handler = new CallRecordingHandler(RecordingWiring.of(read, local.s3(), local.s3Presigner(), bucket));
        calls = new DynamoCallStore(local.dynamoDb(), "CallsTable", "CallStatsTable");
        recordings = new DynamoRecordingStore(local.dynamoDb(), "CallsTable", "TenantsTable");
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void getRedirectsToAFiveMinuteLinkThatServesTheAudio() throws Exception {
        String tenant = "acme-" + UUID.randomUUID();
        Call call = storedRecording(tenant);

        JsonNode answer = invoke("GET", tenant, call.callId());

        assertEquals(302, answer.get("statusCode").asInt(), answer.toString());
        String location = answer.at("/headers/location").asText();
        assertTrue(location.contains("X-Amz-Expires=300"), location);
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(AUDIO, fetched.body());
    }

    @Test
    void anotherTenantsRecordingAndACallWithoutOneAreNotFound() {
        String tenant = "acme-" + UUID.randomUUID();
        Call call = storedRecording(tenant);
        Call notUploaded = recordedCall(tenant);

        assertNotFound(invoke("GET", "globex-" + UUID.randomUUID(), call.callId()));
        assertNotFound(invoke("DELETE", "globex-" + UUID.randomUUID(), call.callId()));
        assertNotFound(invoke("GET", tenant, notUploaded.callId()));
        assertNotFound(invoke("GET", tenant, CallId.systemGenerator().next()));
        assertEquals(400, invoke("GET", tenant, "not-a-call").get("statusCode").asInt());
        assertEquals(AUDIO.length, local.s3().headObject(b -> b.bucket(bucket).key(key(call))).contentLength(),
                "another tenant's DELETE left it");
    }

    @Test
    void deleteRemovesTheObjectAndTheFieldAndAudits() throws Exception {
        String tenant = "acme-" + UUID.randomUUID();
        Call call = storedRecording(tenant);

        JsonNode deleted = invoke("DELETE", tenant, call.callId());

        assertEquals(204, deleted.get("statusCode").asInt(), deleted.toString());
        assertThrows(NoSuchKeyException.class, () -> local.s3().headObject(b -> b.bucket(bucket).key(key(call))));
        assertNull(calls.find(call.callId()).orElseThrow().recording());
        List<AuditEntry> audit = new DynamoTenantAdminStore(local.dynamoDb(), "TenantsTable").audit(tenant, null, 10).items();
        assertEquals(1, audit.size());
        assertEquals("recording.delete", audit.get(0).action());
        assertEquals("8f0c7a1e-5b2d-4c3e-9a8f-1b2c3d4e5f60", audit.get(0).actor());
        assertEquals(List.of(new AuditEntry.Change("recording", key(call), null)), audit.get(0).changes());
        assertNotFound(invoke("GET", tenant, call.callId()));
        assertNotFound(invoke("DELETE", tenant, call.callId()));
        assertFalse(recordings.stored(call.callId(), tenant, new Recording(1, 99, Instant.now())),
                "a late upload never brings a deleted recording back");
    }

    private static void assertNotFound(JsonNode answer) {
        assertEquals(404, answer.get("statusCode").asInt(), answer.toString());
        assertTrue(answer.get("body").asText().contains("recording-not-found"), answer.toString());
    }

    private static Call recordedCall(String tenant) {
        Call call = Call.queued(CallId.systemGenerator().next(), tenant, "+14045550199", "+14045550100", "did-main",
                null, null, "outbound", Map.of(), 30, Instant.parse("2026-11-30T23:59:00Z"), null, null).withRecord(true);
        calls.create(call);
        return call;
    }

    private static Call storedRecording(String tenant) {
        Call call = recordedCall(tenant);
        local.s3().putObject(b -> b.bucket(bucket).key(key(call)), RequestBody.fromBytes(AUDIO));
        assertTrue(recordings.stored(call.callId(), tenant, new Recording(3, AUDIO.length, Instant.now())));
        return call;
    }

    private static String key(Call call) {
        return RecordingKeys.key(call.tenantId(), call.callId(), call.createdAt());
    }

    private static JsonNode invoke(String method, String tenant, String callId) {
        byte[] event = ApiGatewayEvents.request(method, "/calls/" + callId + "/recording", Map.of("callId", callId), null)
                .tenantClaim(tenant).bytes();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            JsonNode response = ApiGatewayEvents.parse(out.toByteArray());
            OpenApiContract.repository().assertResponse(event, response);
            return response;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
