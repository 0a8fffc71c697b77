package io.outcall.functions.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.dynamo.DynamoTenantAdminStore;
import io.outcall.core.prompt.PromptKeys;
import io.outcall.functions.intake.ApiGatewayEvents;
import io.outcall.functions.testing.OpenApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The prompts API as API Gateway invokes it, over DynamoDB Local and s3proxy, every response held
 * to openapi.yaml: the upload URL works over real HTTP for exactly what it was signed for, the
 * local S3 event converts the upload, and the tenant then sees its prompt ready.
 */
class PromptsApiOnLocalServicesTest {

    private static final String TENANT = "prompts-api";
    private static final String OTHER = "prompts-other";
    private static LocalPrompts local;
    private static PromptsHandler handler;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        local = new LocalPrompts(TENANT, OTHER);
        handler = new PromptsHandler(local.wiring);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void aPromptUploadedThroughItsUrlIsConvertedAndReadyWithItsDurationThenDeletedWithItsFiles() throws Exception {
        byte[] wav = LocalPrompts.tone(16_000f, 1, 1.5);
        Response created = send(TENANT, "POST", "/tenant/prompts", null,
                "{\"name\":\"welcome\",\"bytes\":" + wav.length + "}");
        assertEquals(201, created.status(), created.body().toString());
        assertEquals("uploading", created.body().get("state").asText());
        JsonNode upload = created.body().get("upload");
        assertEquals(Integer.toString(wav.length), upload.at("/headers/Content-Length").asText());

        assertEquals(200, put(upload, "audio/wav", wav), "the PUT the URL was signed for");
        assertEquals(1, local.notifyUploads("uploads/" + TENANT + "/welcome/"));

        JsonNode ready = send(TENANT, "GET", "/tenant/prompts/welcome", "welcome", null).body();
        assertEquals("ready", ready.get("state").asText(), ready.toString());
        assertEquals(1500, ready.get("durationMillis").asLong());
        assertEquals(wav.length, ready.get("bytes").asLong(), "the size of the upload, for the console's list");
        assertEquals("outcall/" + TENANT + "/welcome", ready.get("playable").asText());
        JsonNode list = send(TENANT, "GET", "/tenant/prompts", null, null).body();
        assertTrue(list.get("items").findValuesAsText("name").contains("welcome"), list.toString());

        Response again = send(TENANT, "POST", "/tenant/prompts", null, "{\"name\":\"welcome\",\"bytes\":100}");
        assertEquals(409, again.status());
        assertTrue(again.body().get("detail").asText().contains("DELETE /tenant/prompts/welcome"), again.body().toString());

        assertEquals(404, send(OTHER, "GET", "/tenant/prompts/welcome", "welcome", null).status(),
                "another tenant's prompt is not found");
        assertEquals(404, send(OTHER, "DELETE", "/tenant/prompts/welcome", "welcome", null).status());
        assertTrue(local.exists(PromptKeys.wav(TENANT, "welcome")), "another tenant's DELETE removed nothing");

        assertEquals(204, send(TENANT, "DELETE", "/tenant/prompts/welcome", "welcome", null).status());
        assertFalse(local.exists(PromptKeys.wav(TENANT, "welcome")));
        assertFalse(local.exists(PromptKeys.ulaw(TENANT, "welcome")));
        assertEquals(404, send(TENANT, "GET", "/tenant/prompts/welcome", "welcome", null).status());
        List<String> audited = new DynamoTenantAdminStore(local.aws.dynamoDb(), "TenantsTable").audit(TENANT, null, 100)
                .items().stream().filter(e -> e.subject().equals("welcome")).map(e -> e.action() + " by " + e.actor()).toList();
        assertTrue(audited.contains("prompt.upload_started by admin-of-" + TENANT), audited.toString());
        assertTrue(audited.contains("prompt.deleted by admin-of-" + TENANT), audited.toString());
    }

    @Test
    void aPutWithAnotherContentTypeOrLengthIsRefusedByS3AndThePromptStaysUploading() throws Exception {
        byte[] wav = LocalPrompts.tone(8000f, 1, 1.0);
        JsonNode upload = send(TENANT, "POST", "/tenant/prompts", null,
                "{\"name\":\"strict\",\"bytes\":" + wav.length + "}").body().get("upload");

        assertEquals(403, put(upload, "audio/mpeg", wav), "another content type");
        assertEquals(403, put(upload, "audio/wav", Arrays.copyOf(wav, wav.length + 1000)), "another length");
        assertEquals(0, local.notifyUploads("uploads/" + TENANT + "/strict/"), "nothing was stored");
        assertEquals("uploading", send(TENANT, "GET", "/tenant/prompts/strict", "strict", null).body().get("state").asText());
    }

    @Test
    void aBadNameOrSizeIsRefusedNamingTheField() {
        assertRefused(send(TENANT, "POST", "/tenant/prompts", null, "{\"name\":\"../etc/passwd\",\"bytes\":100}"), "name");
        assertRefused(send(TENANT, "POST", "/tenant/prompts", null, "{\"name\":\"bell\\u0007\",\"bytes\":100}"), "name");
        assertRefused(send(TENANT, "POST", "/tenant/prompts", null, "{\"name\":\"Welcome\",\"bytes\":100}"), "name");
        assertRefused(send(TENANT, "POST", "/tenant/prompts", null, "{\"bytes\":100}"), "name");
        assertRefused(send(TENANT, "POST", "/tenant/prompts", null, "{\"name\":\"big\",\"bytes\":" + (11 * 1024 * 1024) + "}"),
                "bytes");
        assertRefused(send(TENANT, "POST", "/tenant/prompts", null, "{\"name\":\"nosize\"}"), "bytes");
        assertRefused(send(TENANT, "GET", "/tenant/prompts/..%2Fx", "../x", null), "name");
        assertEquals(404, send(TENANT, "GET", "/tenant/prompts/big", "big", null).status(), "nothing was created");
    }

    private static void assertRefused(Response response, String field) {
        assertEquals(400, response.status(), response.body().toString());
        assertEquals(field, response.body().at("/errors/0/field").asText(), response.body().toString());
    }

    private int put(JsonNode upload, String contentType, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(upload.get("url").asText())).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private record Response(int status, JsonNode body) {
    }

    private static Response send(String tenant, String method, String path, String name, String body) {
        ApiGatewayEvents event = ApiGatewayEvents.request(method, path, name == null ? Map.of() : Map.of("name", name), body)
                .tenantClaim(tenant).scopeClaim("openid outcall/admin").claim("sub", "admin-of-" + tenant);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event.bytes()), out, null);
            JsonNode response = ApiGatewayEvents.parse(out.toByteArray());
            OpenApiContract.repository().assertResponse(event.bytes(), response);
            String text = response.path("body").asText("");
            return new Response(response.get("statusCode").asInt(),
                    text.isEmpty() ? null : ApiGatewayEvents.parse(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
