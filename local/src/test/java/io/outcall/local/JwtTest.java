package io.outcall.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local front refuses what API Gateway's JWT authorizer refuses. */
class JwtTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private final ObjectMapper json = new ObjectMapper();
    private final Jwt jwt = new Jwt(json, KEY, null, null, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenItSignedVerifiesAndCarriesTheTenantClaim() {
        Map<String, String> claims = jwt.verify("Bearer " + jwt.sign("acme", "tenant_id"));
        assertEquals("acme", claims.get("tenant_id"));
        assertEquals(Jwt.AUDIENCE, claims.get("aud"));
    }

    @Test
    void refusesMissingAndMalformedTokens() {
        assertRefused(null, "no bearer token");
        assertRefused("Basic dXNlcjpwYXNz", "no bearer token");
        assertRefused("Bearer not-a-jwt", "not a JWT");
    }

    @Test
    void refusesAnEditedPayload() {
        String[] parts = jwt.sign("acme", "tenant_id").split("\\.");
        String forged = parts[0] + "." + encode(decode(parts[1]).replace("acme", "evil")) + "." + parts[2];
        assertRefused("Bearer " + forged, "signature");
    }

    @Test
    void refusesAnotherKeysSignature() {
        Jwt other = new Jwt(json, "another-key-another-key-another-k".getBytes(StandardCharsets.US_ASCII), null, null,
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertRefused("Bearer " + other.sign("acme", "tenant_id"), "signature");
    }

    @Test
    void refusesTheNoneAlgorithm() {
        String header = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = encode("{\"iss\":\"" + Jwt.LOCAL_ISSUER + "\",\"aud\":\"" + Jwt.AUDIENCE
                + "\",\"tenant_id\":\"acme\",\"exp\":" + (NOW.getEpochSecond() + 60) + "}");
        assertRefused("Bearer " + header + "." + payload + ".", "not a JWT");
        assertRefused("Bearer " + header + "." + payload + ".c2ln", "algorithm none");
    }

    @Test
    void refusesAnExpiredToken() {
        String token = jwt.sign("acme", "tenant_id");
        Jwt later = new Jwt(json, KEY, null, null, Clock.fixed(NOW.plusSeconds(13 * 3600), ZoneOffset.UTC));
        assertThrows(Jwt.InvalidTokenException.class, () -> later.verify("Bearer " + token));
    }

    @Test
    void refusesAnotherIssuerOrAudience() throws Exception {
        assertRefused("Bearer " + signed(Map.of("iss", "https://elsewhere", "aud", Jwt.AUDIENCE)), "issuer");
        assertRefused("Bearer " + signed(Map.of("iss", Jwt.LOCAL_ISSUER, "aud", "another-api")), "audience");
    }

    private String signed(Map<String, Object> claims) throws Exception {
        java.util.Map<String, Object> all = new java.util.HashMap<>(claims);
        all.put("exp", NOW.getEpochSecond() + 60);
        all.put("tenant_id", "acme");
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = encode(json.writeValueAsString(all));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private void assertRefused(String authorization, String reason) {
        Jwt.InvalidTokenException e = assertThrows(Jwt.InvalidTokenException.class, () -> jwt.verify(authorization));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
