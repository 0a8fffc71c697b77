package io.outcall.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.outcall.localaws.CloudFormationTemplate;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wiring of {@code ./run-local}, on ephemeral ports: by default the front verifies local tokens
 * against the local issuer's keys, fetched over HTTP from its own endpoint; with {@code JWT_JWKS_URL}
 * a real provider's keys, issuer and audience replace the local ones.
 */
class LocalAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalIssuer issuer = new LocalIssuer(LocalIssuer.generateKey(), Clock.systemUTC());

    @Test
    void localTokensAreVerifiedAgainstTheLocalIssuersPublishedKeys() throws Exception {
        LocalAuth auth = LocalAuth.fromEnvironment(issuer, Map.of());
        try (JwksEndpoint localKeys = auth.localKeys();
             HttpFront front = new HttpFront(0, routes(), auth.authorizer(localKeys, Clock.systemUTC()), JSON)) {
            assertEquals(200, get(front, "/calls", auth.token(new TokenGrant("acme", true, false))).statusCode());
            assertEquals(200, get(front, "/calls", auth.token(new TokenGrant(null, false, true))).statusCode());
            assertEquals(1, localKeys.fetches());
            JsonNode key = JSON.readTree(http.send(HttpRequest.newBuilder(localKeys.url()).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()).at("/keys/0");
            assertEquals(issuer.keyId(), key.get("kid").asText());
            assertTrue(key.has("n") && !key.has("d"), "the public half only");
        }
    }

    @Test
    void aRealProviderReplacesTheLocalIssuer() throws Exception {
        RSAKey providerKey = LocalIssuer.generateKey();
        try (CountingJwks provider = new CountingJwks(providerKey)) {
            LocalAuth auth = LocalAuth.fromEnvironment(issuer, Map.of("JWT_JWKS_URL", provider.url().toString(),
                    "JWT_ISSUER", "https://idp.example", "JWT_AUDIENCE", "app-a, app-b", "SCOPE_CLAIM", "scp"));
            assertNull(auth.localKeys(), "no local keys served");
            try (HttpFront front = new HttpFront(0, routes(), auth.authorizer(null, Clock.systemUTC()), JSON)) {
                assertEquals(401, get(front, "/calls", auth.token(TokenGrant.calls("acme"))).statusCode(), "local tokens refused");
                Instant now = Instant.now();
                String providers = new LocalIssuer(providerKey, Clock.systemUTC()).sign(new JWTClaimsSet.Builder()
                        .issuer("https://idp.example").claim("client_id", "app-b").claim("tenant_id", "acme")
                        .claim("scp", "outcall/calls").issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                        .build());
                assertEquals(200, get(front, "/calls", providers).statusCode());
                assertEquals(2, provider.fetches(), "the local token's kid: the first load and one refetch; then cached");
            }
        }
    }

    @Test
    void aProviderWithoutAnIssuerIsRefusedNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalAuth.fromEnvironment(issuer, Map.of("JWT_JWKS_URL", "https://idp.example/jwks.json")));
        assertTrue(e.getMessage().contains("JWT_ISSUER"), e.getMessage());
    }

    private static List<HttpFront.Route> routes() throws Exception {
        RequestStreamHandler ok = (in, out, context) -> out.write(
                "{\"statusCode\":200,\"body\":\"{}\"}".getBytes(StandardCharsets.UTF_8));
        return HttpFront.routesOf(CloudFormationTemplate.findFromWorkingDirectory(), className -> ok);
    }

    private HttpResponse<String> get(HttpFront front, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + path)).GET();
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
