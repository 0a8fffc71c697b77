package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What API Gateway's JWT authorizer does, for the local front: verify a bearer token's signature,
 * issuer, audience and expiry, and hand on its claims. Locally signed tokens use HS256 with a key
 * kept in {@code .local/}; with {@code JWT_JWKS_URL} and {@code JWT_ISSUER} set, RS256 tokens of a
 * real identity provider are verified against its published keys instead.
 */
final class Jwt {

    static final String LOCAL_ISSUER = "https://outcall.local/issuer";
    static final String AUDIENCE = "outcall-api";

    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final Base64.Encoder B64E = Base64.getUrlEncoder().withoutPadding();

    private final ObjectMapper json;
    private final byte[] localKey;
    private final String jwksUrl;
    private final String issuer;
    private final Clock clock;
    private final Map<String, PublicKey> jwks = new ConcurrentHashMap<>();

    /** @param jwksUrl null to accept only locally signed tokens */
    Jwt(ObjectMapper json, byte[] localKey, String jwksUrl, String issuer, Clock clock) {
        this.json = json;
        this.localKey = localKey.clone();
        this.jwksUrl = jwksUrl;
        this.issuer = jwksUrl == null ? LOCAL_ISSUER : issuer;
        this.clock = clock;
    }

    /** A token for {@code tenant}, valid for 12 hours, signed with the local key. */
    String sign(String tenant, String tenantClaim) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", LOCAL_ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", "local-" + tenant);
        claims.put(tenantClaim, tenant);
        claims.put("iat", now);
        claims.put("exp", now + 12 * 3600);
        try {
            String header = B64E.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = B64E.encodeToString(json.writeValueAsBytes(claims));
            return header + "." + payload + "." + B64E.encodeToString(hmac(header + "." + payload));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return the verified claims as API Gateway passes them (all values as strings)
     * @throws InvalidTokenException saying why the token is refused
     */
    Map<String, String> verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new InvalidTokenException("no bearer token in the Authorization header");
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            throw new InvalidTokenException("the token is not a JWT (three dot-separated parts)");
        }
        try {
            JsonNode header = json.readTree(B64.decode(parts[0]));
            JsonNode claims = json.readTree(B64.decode(parts[1]));
            byte[] signature = B64.decode(parts[2]);
            String signed = parts[0] + "." + parts[1];
            String alg = header.path("alg").asText();
            boolean valid = switch (alg) {
                case "HS256" -> jwksUrl == null && MessageDigest.isEqual(hmac(signed), signature);
                case "RS256" -> jwksUrl != null && rs256(header.path("kid").asText(), signed, signature);
                default -> throw new InvalidTokenException("algorithm " + alg + " is not accepted");
            };
            if (!valid) {
                throw new InvalidTokenException("the signature does not verify");
            }
            long now = clock.instant().getEpochSecond();
            if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() <= now) {
                throw new InvalidTokenException("the token has expired (or has no exp)");
            }
            if (!issuer.equals(claims.path("iss").asText())) {
                throw new InvalidTokenException("the issuer is not " + issuer);
            }
            JsonNode aud = claims.path("aud");
            boolean audienceOk = aud.isArray() ? containsText(aud) : AUDIENCE.equals(aud.asText());
            if (!audienceOk) {
                throw new InvalidTokenException("the audience is not " + AUDIENCE);
            }
            Map<String, String> out = new LinkedHashMap<>();
            claims.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().textValue()
                    : e.getValue().toString()));
            return out;
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            if (e instanceof InvalidTokenException invalid) {
                throw invalid;
            }
            throw new InvalidTokenException("the token cannot be read: " + e.getMessage());
        }
    }

    private static boolean containsText(JsonNode array) {
        for (JsonNode n : array) {
            if (AUDIENCE.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(localKey, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private boolean rs256(String kid, String signed, byte[] signature) throws GeneralSecurityException, IOException {
        PublicKey key = jwks.get(kid);
        if (key == null) {
            loadJwks();
            key = jwks.get(kid);
        }
        if (key == null) {
            throw new InvalidTokenException("no key " + kid + " at " + jwksUrl);
        }
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(signed.getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(signature);
    }

    private void loadJwks() throws IOException, GeneralSecurityException {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(jwksUrl)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            for (JsonNode k : json.readTree(response.body()).path("keys")) {
                if ("RSA".equals(k.path("kty").asText())) {
                    RSAPublicKeySpec spec = new RSAPublicKeySpec(new BigInteger(1, B64.decode(k.path("n").asText())),
                            new BigInteger(1, B64.decode(k.path("e").asText())));
                    jwks.put(k.path("kid").asText(), KeyFactory.getInstance("RSA").generatePublic(spec));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + jwksUrl, e);
        }
    }

    static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message) {
            super(message);
        }
    }
}
