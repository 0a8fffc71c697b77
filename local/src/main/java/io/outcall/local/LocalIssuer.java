package io.outcall.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The identity provider of {@code ./run-local}: an RS256 key pair kept in {@code .local/} and made
 * on first run, the tokens {@code ./run-local token} prints, and its JWKS document. Its tokens are
 * verified by the same code that verifies a real provider's: the front fetches this JWKS over HTTP
 * from a {@link JwksEndpoint}, like any other.
 */
final class LocalIssuer {

    static final String ISSUER = "https://outcall.local/issuer";
    static final String AUDIENCE = "outcall-api";
    static final Duration LIFETIME = Duration.ofHours(12);

    private final RSAKey key;
    private final Clock clock;

    LocalIssuer(RSAKey key, Clock clock) {
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("the local issuer needs the private half of key " + key.getKeyID());
        }
        this.key = key;
        this.clock = clock;
    }

    /** The key pair in {@code state/jwt-rs256.jwk}, generated (readable by its owner only) when absent. */
    static LocalIssuer fromState(Path state, Clock clock) throws IOException {
        Path file = state.resolve("jwt-rs256.jwk");
        if (!Files.exists(file)) {
            // Like .local/cursor.key: readable by its owner only, from the moment it exists.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, generateKey().toJSONString(), StandardCharsets.UTF_8);
        }
        try {
            return new LocalIssuer(RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8)), clock);
        } catch (ParseException e) {
            throw new IOException(file + " is not an RSA JWK (" + e.getMessage() + "); delete it and a new key is made", e);
        }
    }

    static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("every JVM can make a 2048-bit RSA key", e);
        }
    }

    /** A token for {@code grant}, valid for {@link #LIFETIME}, with the scopes in one space-separated claim. */
    String token(TokenGrant grant, String tenantClaim, String scopeClaim) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(grant.subject())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim(scopeClaim, String.join(" ", grant.scopes()));
        if (grant.tenant() != null) {
            claims.claim(tenantClaim, grant.tenant());
        }
        return sign(claims.build());
    }

    /** Any claims, signed with the local key: for tests that need a token the issuer would not make. */
    String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with local key " + key.getKeyID() + " failed", e);
        }
        return jwt.serialize();
    }

    /** The public half, as the JWKS document a provider publishes. */
    String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    String keyId() {
        return key.getKeyID();
    }
}
