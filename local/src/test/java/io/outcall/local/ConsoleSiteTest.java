package io.outcall.local;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console as the front serves it, over HTTP: its pages, assets and WebJars with the security
 * headers, nothing outside them, the API's routes answering exactly as before, and the local
 * sign-in's token endpoint minting the tokens ./run-local token prints.
 */
class ConsoleSiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.nimbusds.jose.jwk.RSAKey KEY = LocalIssuer.generateKey();
    private static CountingJwks jwks;
    private static HttpFront front;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        CloudFormationTemplate template = CloudFormationTemplate.findFromWorkingDirectory();
        jwks = new CountingJwks(KEY);
        LocalAuth auth = new LocalAuth(new LocalIssuer(KEY, Clock.systemUTC()), null, "tenant_id", "scope");
        ConsoleSite console = new ConsoleSite(ConsoleSiteTest.class.getClassLoader(), ConsoleConfig.local("tenant_id", "scope"),
                new LocalTokenEndpoint(auth, JSON, Clock.systemUTC()));
        front = new HttpFront(0, HttpFront.routesOf(template, className -> (in, out, context) -> out.write(
                "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{}\"}"
                        .getBytes(StandardCharsets.UTF_8))),
                new TokenVerifier(new AuthorizerSettings(jwks.url(), LocalIssuer.ISSUER, java.util.Set.of(LocalIssuer.AUDIENCE),
                        "scope", AuthorizerSettings.CLOCK_SKEW), Clock.systemUTC()), JSON,
                template.file().resolveSibling("openapi.yaml"), console);
    }

    @AfterAll
    static void stop() {
        front.close();
        jwks.close();
    }

    @Test
    void theConsoleAndItsAssetsCarryAPolicyWithoutInlineScript() throws Exception {
        for (String path : List.of("/", "/index.html", "/assets/js/app.js", "/assets/console.css", "/docs", "/docs/init.js",
                "/console-config.json")) {
            HttpResponse<String> response = get(path);
            assertEquals(200, response.statusCode(), path);
            String policy = response.headers().firstValue("content-security-policy").orElse("");
            for (String directive : List.of("default-src 'none'", "script-src 'self';", "style-src 'self';", "object-src 'none'",
                    "frame-ancestors 'none'", "base-uri 'none'")) {
                assertTrue(policy.contains(directive), path + " policy has " + directive + ": " + policy);
            }
            assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
            assertEquals("nosniff", response.headers().firstValue("x-content-type-options").orElse(""), path);
            assertEquals("DENY", response.headers().firstValue("x-frame-options").orElse(""), path);
            assertEquals("no-referrer", response.headers().firstValue("referrer-policy").orElse(""), path);
        }
        assertEquals("text/html; charset=utf-8", get("/").headers().firstValue("content-type").orElseThrow());
        assertEquals("text/javascript; charset=utf-8", get("/assets/js/app.js").headers().firstValue("content-type").orElseThrow());
        assertTrue(get("/").body().contains("<script type=\"module\" src=\"/assets/js/app.js\"></script>"));
    }

    @Test
    void theApiReferenceLoadsSwaggerUiFromItsWebJarAndUPlotIsServedForCharts() throws Exception {
        String docs = get("/docs").body();
        assertTrue(docs.contains("src=\"/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js\""), "the WebJar's version filled in");
        assertTrue(docs.contains("src=\"/docs/init.js\""));
        HttpResponse<String> bundle = get("/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js");
        assertEquals(200, bundle.statusCode());
        assertEquals("text/javascript; charset=utf-8", bundle.headers().firstValue("content-type").orElseThrow());
        assertEquals(200, get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").statusCode());
        assertEquals(200, get("/webjars/uplot/1.6.30/dist/uPlot.min.css").statusCode());
        assertTrue(get("/docs/init.js").body().contains("url: '/openapi.yaml'"));
    }

    @Test
    void nothingOutsideTheConsoleIsServedAndTheApiAnswersAsBefore() throws Exception {
        for (String path : List.of("/assets/../pom.xml", "/assets/%2e%2e/index.html", "/webjars/", "/assets/", "/nowhere",
                "/META-INF/resources/console/index.html", "/io/outcall/local/LocalRunner.class")) {
            HttpResponse<String> response = get(path);
            assertEquals(404, response.statusCode(), path);
            assertEquals("{\"message\":\"Not Found\"}", response.body(), path);
        }
        assertEquals(401, get("/calls").statusCode(), "an API route is the API's, token and all");
        assertEquals("application/yaml", get("/openapi.yaml").headers().firstValue("content-type").orElseThrow());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void theConfigSaysToSignInLocally() throws Exception {
        JsonNode config = JSON.readTree(get("/console-config.json").body());
        assertEquals("local", config.path("signIn").asText());
        assertEquals("tenant_id", config.path("tenantClaim").asText());
        assertEquals("scope", config.path("scopeClaim").asText());
        ConsoleConfig oidc = ConsoleConfig.fromEnvironment(Map.of("CONSOLE_OIDC_ISSUER", "https://id.example.test/pool_1",
                "CONSOLE_OIDC_CLIENT_ID", "abc"), "tenant_id", "scope");
        JsonNode named = JSON.readTree(oidc.json());
        assertEquals("oidc", named.path("signIn").asText());
        assertEquals("https://id.example.test/pool_1", named.path("issuer").asText());
        assertEquals("abc", named.path("clientId").asText());
        assertEquals("https://id.example.test", oidc.connectSources(), "the token exchange's origin joins connect-src");
        assertEquals("", oidc.mediaSources(), "no S3 named, no media at all");
        ConsoleConfig withS3 = ConsoleConfig.fromEnvironment(Map.of("S3_ENDPOINT", "http://127.0.0.1:4566"), "tenant_id", "scope");
        assertEquals("http://127.0.0.1:4566", withS3.mediaSources(), "recordings play from the local S3's presigned links");
        assertEquals("http://127.0.0.1:4566", withS3.connectSources(), "a prompt's WAV is PUT to the local S3");
        String policy = ConsoleSite.securityHeaders(withS3.connectSources(), withS3.mediaSources()).get("content-security-policy");
        assertTrue(policy.contains(" media-src http://127.0.0.1:4566;"), policy);
        assertTrue(policy.contains(" connect-src 'self' http://127.0.0.1:4566;"), policy);
    }

    @Test
    void theLocalSignInMintsTheTokensOfRunLocalToken() throws Exception {
        JsonNode calls = JSON.readTree(token("{\"tenant\":\"acme\",\"role\":\"calls\"}").body());
        assertEquals(List.of("outcall/calls"), List.of(JSON.treeToValue(calls.path("scopes"), String[].class)));
        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(uri("/calls"))
                .header("Authorization", "Bearer " + calls.path("token").asText()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, listed.statusCode(), "the front accepts the token");

        JsonNode admin = JSON.readTree(token("{\"tenant\":\"acme\",\"role\":\"admin\"}").body());
        assertEquals("[\"outcall/calls\",\"outcall/admin\"]", admin.path("scopes").toString());
        JsonNode platform = JSON.readTree(token("{\"role\":\"platform\"}").body());
        assertEquals("[\"outcall/platform\"]", platform.path("scopes").toString());

        HttpResponse<String> noTenant = token("{\"role\":\"admin\"}");
        assertEquals(400, noTenant.statusCode());
        assertTrue(noTenant.body().contains("needs a tenant"), noTenant.body());
        assertEquals(400, token("{\"tenant\":\"acme\",\"role\":\"owner\"}").statusCode());
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(uri(LocalTokenEndpoint.PATH))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"acme\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, form.statusCode(), "a body another origin could send without a preflight is refused");
        assertEquals(405, get(LocalTokenEndpoint.PATH).statusCode());
    }

    private HttpResponse<String> token(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(LocalTokenEndpoint.PATH)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + front.port() + path);
    }
}
