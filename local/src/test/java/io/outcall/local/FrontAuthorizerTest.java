package io.outcall.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.outcall.core.json.Json;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.RequestLog;
import io.outcall.localaws.CloudFormationTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local front refuses what API Gateway's JWT authorizer refuses, with 401 before any function
 * runs, and hands the function what API Gateway hands it. A real front on an ephemeral port, keys
 * from a JWKS endpoint that counts its fetches, time from a clock the test moves; every function
 * behind it reads the tenant as the real ones do ({@link ApiEvents#tenant}).
 */
class FrontAuthorizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final RSAKey KEY = LocalIssuer.generateKey();
    private static final RSAKey ROTATED = LocalIssuer.generateKey();
    private static final RSAKey UNPUBLISHED = LocalIssuer.generateKey();

    private final HandClock clock = new HandClock(T0);
    private final LocalIssuer issuer = new LocalIssuer(KEY, clock);
    private final AtomicReference<JsonNode> lastEvent = new AtomicReference<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private CountingJwks jwks;
    private HttpFront front;

    @BeforeEach
    void start() throws Exception {
        jwks = new CountingJwks(KEY);
        AuthorizerSettings settings = new AuthorizerSettings(jwks.url(), LocalIssuer.ISSUER, Set.of(LocalIssuer.AUDIENCE, "app-client-1"),
                "scope", AuthorizerSettings.CLOCK_SKEW);
        front = new HttpFront(0, HttpFront.routesOf(CloudFormationTemplate.findFromWorkingDirectory(), this::tenantEcho),
                new TokenVerifier(settings, clock), JSON);
    }

    @AfterEach
    void stop() {
        front.close();
        jwks.close();
    }

    @Test
    void aValidTokenReachesTheFunctionWithEveryClaimAsAStringAndItsScopes() throws Exception {
        String token = issuer.token(new TokenGrant("acme", true, false), "tenant_id", "scope");
        HttpResponse<String> response = get("/calls", token);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"tenant\":\"acme\"}", response.body());
        JsonNode jwt = lastEvent.get().at("/requestContext/authorizer/jwt");
        assertEquals("acme", jwt.at("/claims/tenant_id").asText());
        assertEquals(Long.toString(T0.plus(LocalIssuer.LIFETIME).getEpochSecond()), jwt.at("/claims/exp").textValue(),
                "numbers arrive as decimal strings");
        assertEquals("outcall/calls outcall/admin", jwt.at("/claims/scope").textValue(), "the raw claim stays");
        assertEquals(List.of("outcall/calls", "outcall/admin"), List.of(JSON.treeToValue(jwt.get("scopes"), String[].class)));
        assertEquals("local-acme-admin", jwt.at("/claims/sub").textValue());
    }

    @Test
    void aTokenWithoutScopesHasNullScopesAndArraysArriveGoStyle() throws Exception {
        String token = issuer.sign(claims(c -> c.claim("cognito:groups", List.of("ops", "billing")).claim("email_verified", true)));
        assertAccepted(token);
        JsonNode jwt = lastEvent.get().at("/requestContext/authorizer/jwt");
        assertTrue(jwt.get("scopes").isNull(), jwt.toString());
        assertEquals("[ops billing]", jwt.at("/claims/cognito:groups").textValue());
        assertEquals("true", jwt.at("/claims/email_verified").textValue());
    }

    @Test
    void theTokenMayComeWithoutTheBearerPrefixAsApiGatewayAccepts() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/calls"))
                .header("authorization", acmeToken(issuer)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
    }

    @Test
    void aSignatureByAnotherKeyOrAnEditedPayloadIs401() throws Exception {
        RSAKey impostor = new RSAKey.Builder(UNPUBLISHED).keyID(KEY.getKeyID()).build();
        assertUnauthorized(acmeToken(new LocalIssuer(impostor, clock)), "signature");

        String[] parts = acmeToken(issuer).split("\\.");
        String evil = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("acme", "evil").getBytes());
        assertUnauthorized(parts[0] + "." + evil + "." + parts[2], "signature");
    }

    @Test
    void anUnknownKidIsRefetchedAtMostOnceInAMinute() throws Exception {
        assertAccepted(acmeToken(issuer));
        assertAccepted(acmeToken(issuer));
        assertEquals(1, jwks.fetches(), "the first token loads the keys; the second finds them cached");

        // The provider rotates: a token signed by the new key makes the front go back for the keys once.
        jwks.publish(KEY, ROTATED);
        clock.pass(Duration.ofSeconds(1));
        assertAccepted(acmeToken(new LocalIssuer(ROTATED, clock)));
        assertEquals(2, jwks.fetches());

        // Within the minute, another unknown kid is refused without a fetch, however often it comes.
        String unpublished = acmeToken(new LocalIssuer(UNPUBLISHED, clock));
        clock.pass(Duration.ofSeconds(1));
        assertUnauthorized(unpublished, UNPUBLISHED.getKeyID());
        clock.pass(Duration.ofSeconds(50));
        assertUnauthorized(unpublished, UNPUBLISHED.getKeyID());
        assertEquals(2, jwks.fetches(), "no fetch within the minute the last two opened");

        // A minute on, the front asks again, and finds the key the provider has published since.
        jwks.publish(KEY, ROTATED, UNPUBLISHED);
        clock.pass(Duration.ofSeconds(10));
        assertAccepted(unpublished);
        assertEquals(3, jwks.fetches());
    }

    @Test
    void theKeysAreCachedForTwoHoursThenFetchedAgain() throws Exception {
        String token = acmeToken(issuer);
        assertAccepted(token);
        clock.pass(TokenVerifier.KEY_CACHE.minusSeconds(1));
        assertAccepted(token);
        assertEquals(1, jwks.fetches());
        clock.pass(Duration.ofSeconds(2));
        assertAccepted(token);
        assertEquals(2, jwks.fetches());
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        String token = acmeToken(issuer);
        clock.pass(LocalIssuer.LIFETIME.plus(AuthorizerSettings.CLOCK_SKEW).plusSeconds(1));
        assertUnauthorized(token, "Expired");
    }

    @Test
    void aTokenNotValidForAnHourYetIs401() throws Exception {
        assertUnauthorized(issuer.sign(claims(c -> c.notBeforeTime(Date.from(T0.plus(Duration.ofHours(1)))))), "before use time");
        // Within the skew.
        assertAccepted(issuer.sign(claims(c -> c.notBeforeTime(Date.from(T0.plusSeconds(30))))));
    }

    @Test
    void aTokenIssuedInTheFutureBeyondTheSkewIs401() throws Exception {
        Instant beyond = T0.plus(AuthorizerSettings.CLOCK_SKEW).plusSeconds(1);
        assertUnauthorized(issuer.sign(claims(c -> c.issueTime(Date.from(beyond)))), "iat");
        // Within the skew.
        assertAccepted(issuer.sign(claims(c -> c.issueTime(Date.from(T0.plusSeconds(30))))));
    }

    @Test
    void anotherIssuerIs401() throws Exception {
        assertUnauthorized(issuer.sign(claims(c -> c.issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other"))), "iss");
    }

    @Test
    void theAudienceIsAudOrWithoutAudClientId() throws Exception {
        assertUnauthorized(issuer.sign(claims(c -> c.audience("another-api"))), "the token does not have a valid audience");
        // A Cognito access token: no aud, the app client in client_id.
        assertAccepted(issuer.sign(claims(c -> c.audience((String) null).claim("client_id", "app-client-1"))));
        assertUnauthorized(issuer.sign(claims(c -> c.audience((String) null).claim("client_id", "app-client-2"))), "audience");
        // With both, API Gateway looks at aud only.
        assertUnauthorized(issuer.sign(claims(c -> c.audience("another-api").claim("client_id", "app-client-1"))), "audience");
        // One accepted audience in a list is enough.
        assertAccepted(issuer.sign(claims(c -> c.audience(List.of("another-api", LocalIssuer.AUDIENCE)))));
    }

    @Test
    void aTokenWithoutTheTenantClaimPassesTheAuthorizerAndTheFunctionRefusesIt() throws Exception {
        HttpResponse<String> response = get("/calls", issuer.sign(claims(c -> c.claim("tenant_id", null))));
        assertEquals(401, response.statusCode(), "API Gateway lets it through; the function answers");
        assertTrue(response.body().contains("'tenant_id' claim"), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void whatApiGatewayNeverAcceptsIs401BeforeAnyFunctionRuns() throws Exception {
        assertUnauthorized(null, "no token");
        assertUnauthorized("not-a-jwt", "not a signed JWT");
        String unsigned = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + acmeToken(issuer).split("\\.")[1] + ".";
        assertUnauthorized(unsigned, "not a signed JWT");
        String noKid = acmeToken(issuer);
        String[] parts = noKid.split("\\.");
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"RS256\"}".getBytes());
        assertUnauthorized(header + "." + parts[1] + "." + parts[2], "kid");
        SignedJWT symmetric = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(), claims(c -> c));
        symmetric.sign(new MACSigner(new byte[32]));
        assertUnauthorized(symmetric.serialize(), "algorithm");
    }

    /** What the local issuer puts in a token for tenant acme, edited by {@code edit}. */
    private JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> edit) {
        return edit.apply(new JWTClaimsSet.Builder().issuer(LocalIssuer.ISSUER).audience(LocalIssuer.AUDIENCE).subject("test")
                .claim("tenant_id", "acme").issueTime(Date.from(T0)).expirationTime(Date.from(T0.plus(Duration.ofHours(1))))).build();
    }

    private static String acmeToken(LocalIssuer by) {
        return by.token(TokenGrant.calls("acme"), "tenant_id", "scope");
    }

    private void assertAccepted(String token) throws Exception {
        HttpResponse<String> response = get("/calls", token);
        assertEquals(200, response.statusCode(), response.headers().firstValue("www-authenticate").orElse(response.body()));
    }

    private void assertUnauthorized(String token, String why) throws Exception {
        lastEvent.set(null);
        HttpResponse<String> response = get("/calls", token);
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("{\"message\":\"Unauthorized\"}", response.body());
        String header = response.headers().firstValue("www-authenticate").orElse("");
        assertTrue(header.startsWith("Bearer ") && header.contains("error=\"invalid_token\""), header);
        assertTrue(header.contains(why), "the reason names '" + why + "': " + header);
        assertNull(lastEvent.get(), "no function ran");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + front.port() + path);
    }

    /** Every route: a function that finds the tenant as the real ones do ({@link ApiEvents}), and answers it. */
    private RequestStreamHandler tenantEcho(String className) {
        Json json = Json.standard();
        ApiEvents api = new ApiEvents(json, "tenant_id", new RequestLog(json, new PrintStream(OutputStream.nullOutputStream()),
                Clock.systemUTC()));
        return (in, out, context) -> {
            byte[] event = in.readAllBytes();
            lastEvent.set(JSON.readTree(event));
            ApiRequest request = api.read(new ByteArrayInputStream(event));
            api.write(api.respond(request, r -> ApiResponse.json(200, "{\"tenant\":\"" + api.tenant(r) + "\"}")), out);
        };
    }
}
