package io.outcall.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.localaws.CloudFormationTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local front routes as API Gateway does and builds the events it builds: the routes of
 * template.yaml, literal paths before parameters, path and query parameters decoded, the verified
 * claims passed on, 401 before any function runs, 404 for no route. Every handler here records
 * the event it got and answers 200.
 */
class HttpFrontTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> lastEvent = new ConcurrentHashMap<>();
    private static final com.nimbusds.jose.jwk.RSAKey ISSUER_KEY = LocalIssuer.generateKey();
    private static final LocalIssuer ISSUER = new LocalIssuer(ISSUER_KEY, Clock.systemUTC());
    private static CountingJwks jwks;
    private static HttpFront front;
    private static List<HttpFront.Route> routes;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        CloudFormationTemplate template = CloudFormationTemplate.findFromWorkingDirectory();
        routes = HttpFront.routesOf(template, HttpFrontTest::recording);
        jwks = new CountingJwks(ISSUER_KEY);
        front = new HttpFront(0, routes, new TokenVerifier(new AuthorizerSettings(jwks.url(), LocalIssuer.ISSUER,
                java.util.Set.of(LocalIssuer.AUDIENCE), "scope", AuthorizerSettings.CLOCK_SKEW), Clock.systemUTC()), JSON,
                template.file().resolveSibling("openapi.yaml"));
    }

    @AfterAll
    static void stop() {
        front.close();
        jwks.close();
    }

    @Test
    void theRoutesAreTheTemplatesHttpApiEvents() {
        Set<String> keys = new TreeSet<>();
        routes.forEach(r -> keys.add(r.routeKey() + " " + r.handlerClass().substring(r.handlerClass().lastIndexOf('.') + 1)));
        assertEquals(new TreeSet<>(List.of(
                "POST /calls MakeCallHandler", "POST /calls/batch MakeCallsHandler",
                "POST /tenant/webhooks WebhooksHandler", "GET /tenant/webhooks WebhooksHandler",
                "GET /tenant/webhooks/{webhookId} WebhooksHandler", "PATCH /tenant/webhooks/{webhookId} WebhooksHandler",
                "DELETE /tenant/webhooks/{webhookId} WebhooksHandler",
                "POST /tenant/webhooks/{webhookId}/rotate-secret WebhooksHandler",
                "GET /tenant/webhooks/{webhookId}/deliveries WebhookDeliveriesHandler",
                "POST /tenant/webhooks/{webhookId}/deliveries/{deliveryId}/retry WebhookDeliveriesHandler",
                "GET /calls ListCallsHandler",
                "POST /tenants CreateTenantHandler",
                "GET /tenants ReadTenantsHandler",
                "GET /tenants/{tenantId} ReadTenantsHandler",
                "POST /tenants/{tenantId}/suspend TenantStateHandler",
                "POST /tenants/{tenantId}/reactivate TenantStateHandler",
                "GET /tenant OwnTenantHandler",
                "PATCH /tenant OwnTenantHandler",
                "GET /tenant/audit TenantAuditHandler",
                "GET /calls/{callId}/recording CallRecordingHandler", "DELETE /calls/{callId}/recording CallRecordingHandler",
                "POST /tenant/prompts PromptsHandler", "GET /tenant/prompts PromptsHandler",
                "GET /tenant/prompts/{name} PromptsHandler", "DELETE /tenant/prompts/{name} PromptsHandler",
                "POST /tenant/dids TenantNumbersHandler",
                "GET /tenant/dids TenantNumbersHandler",
                "POST /tenant/transfer-numbers TenantNumbersHandler",
                "GET /tenant/transfer-numbers TenantNumbersHandler",
                "PATCH /tenant/dids/{numberId} TenantNumberHandler",
                "DELETE /tenant/dids/{numberId} TenantNumberHandler",
                "PATCH /tenant/transfer-numbers/{numberId} TenantNumberHandler",
                "DELETE /tenant/transfer-numbers/{numberId} TenantNumberHandler",
                "GET /calls/stats CallStatsHandler",
                "GET /calls/{callId} GetCallHandler",
                "POST /calls/{callId}/cancel CancelCallHandler",
                "GET /tenant/dnc TenantDncHandler", "PUT /tenant/dnc/{number} TenantDncHandler",
                "DELETE /tenant/dnc/{number} TenantDncHandler", "GET /tenant/dnc/{number} TenantDncHandler",
                "POST /tenant/dnc/import TenantDncImportHandler",
                "GET /platform/dnc PlatformDncHandler", "PUT /platform/dnc/{number} PlatformDncHandler",
                "DELETE /platform/dnc/{number} PlatformDncHandler", "GET /platform/dnc/{number} PlatformDncHandler")), keys);
    }

    @Test
    void aPlusInAPathSegmentStaysAPlusAsInApiGateway() throws Exception {
        assertEquals(200, get("/tenant/dnc/+14045550123", token("acme")).statusCode());
        assertEquals("+14045550123", lastEvent.get("TenantDncHandler").at("/pathParameters/number").asText());
        assertEquals(200, get("/tenant/dnc/%2B442071234567", token("acme")).statusCode());
        assertEquals("+442071234567", lastEvent.get("TenantDncHandler").at("/pathParameters/number").asText());
    }

    @Test
    void aLiteralPathWinsOverAParameterAsInApiGateway() throws Exception {
        assertEquals(200, get("/calls/stats?interval=day", token("acme")).statusCode());
        JsonNode stats = lastEvent.get("CallStatsHandler");
        assertEquals("GET /calls/stats", stats.get("routeKey").asText());
        assertFalse(stats.has("pathParameters"));

        assertEquals(200, get("/calls/01JB3X0000000000000000000A?events=false", token("acme")).statusCode());
        JsonNode call = lastEvent.get("GetCallHandler");
        assertEquals("GET /calls/{callId}", call.get("routeKey").asText());
        assertEquals("01JB3X0000000000000000000A", call.at("/pathParameters/callId").asText());
        assertEquals("false", call.at("/queryStringParameters/events").asText());
    }

    @Test
    void theEventCarriesDecodedParametersTheClaimsAndTheRequest() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/calls/01JB3X0000000000000000000A/cancel"))
                .header("authorization", "Bearer " + token("globex")).header("X-Trace", "t-1")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonNode cancel = lastEvent.get("CancelCallHandler");
        assertEquals("2.0", cancel.get("version").asText());
        assertEquals("POST", cancel.at("/requestContext/http/method").asText());
        assertEquals("/calls/01JB3X0000000000000000000A/cancel", cancel.at("/requestContext/http/path").asText());
        assertEquals("globex", cancel.at("/requestContext/authorizer/jwt/claims/tenant_id").asText());
        assertEquals("t-1", cancel.at("/headers/x-trace").asText(), "header names lower-cased");
        assertEquals("{}", cancel.get("body").asText());
        assertFalse(cancel.get("isBase64Encoded").asBoolean(), "a JSON body arrives as text");

        get("/calls?number=%2B14045550101&status=COMPLETED&tag=a&tag=b", token("acme"));
        JsonNode list = lastEvent.get("ListCallsHandler");
        assertEquals("+14045550101", list.at("/queryStringParameters/number").asText());
        assertEquals("a,b", list.at("/queryStringParameters/tag").asText(), "repeated parameters joined with commas");
        assertEquals("number=%2B14045550101&status=COMPLETED&tag=a&tag=b", list.get("rawQueryString").asText());
    }

    @Test
    void theApiDescriptionIsServedWithoutAToken() throws Exception {
        HttpResponse<String> document = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + front.port() + "/openapi.yaml")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, document.statusCode());
        assertEquals("application/yaml", document.headers().firstValue("content-type").orElseThrow());
        assertTrue(document.body().startsWith("openapi: 3.1"), document.body().lines().findFirst().orElse(""));
    }

    @Test
    void noTokenIs401BeforeAnyFunctionAndNoRouteIs404() throws Exception {
        lastEvent.clear();
        assertEquals(401, get("/calls", null).statusCode());
        assertEquals(401, get("/calls", "not.a.token").statusCode());
        assertTrue(lastEvent.isEmpty(), "no function ran");
        assertEquals(404, get("/nowhere", token("acme")).statusCode());
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(uri("/calls")).DELETE()
                .header("authorization", "Bearer " + token("acme")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, delete.statusCode(), "a method without a route");
    }

    private static RequestStreamHandler recording(String className) {
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        return (in, out, context) -> {
            lastEvent.put(simpleName, JSON.readTree(in));
            out.write("{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{}\"}"
                    .getBytes(StandardCharsets.UTF_8));
        };
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + front.port() + path);
    }

    private static String token(String tenant) {
        return ISSUER.token(TokenGrant.calls(tenant), "tenant_id", "scope");
    }
}
