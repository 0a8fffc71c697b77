package io.outcall.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * API Gateway's HTTP API JWT authorizer, for the local front: the token (with or without
 * {@code Bearer }) must be a JWS signed with an RSA algorithm by the JWKS key its {@code kid} names,
 * and its claims must pass {@link GatewayClaimsVerifier}. The JWKS is cached as API Gateway caches
 * it (up to two hours) and refetched for an unknown {@code kid}, through nimbus's rate limiter.
 */
final class TokenVerifier {

    /** API Gateway "can cache the public key for two hours". */
    static final Duration KEY_CACHE = Duration.ofHours(2);
    /**
     * nimbus's rate limiter admits one fetch to open a window and one more inside it: the first
     * load plus one refetch for an unknown kid, then none until a minute has passed.
     */
    static final Duration REFETCH_INTERVAL = Duration.ofMinutes(1);

    /** API Gateway supports only RSA-based algorithms; HS256 and "none" are refused. */
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    private final AuthorizerSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    TokenVerifier(AuthorizerSettings settings, Clock clock) {
        this.settings = settings;
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ClockedKeys(keySource(settings), clock)));
        processor.setJWTClaimsSetVerifier(new GatewayClaimsVerifier(settings.issuer(), settings.audiences(), clock,
                settings.clockSkew()));
    }

    /** The builder's chain (cache over rate limiter over HTTP), without its wall-clock front. */
    private static JWKSetSource<SecurityContext> keySource(AuthorizerSettings settings) {
        try {
            JWKSource<SecurityContext> built = JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().toURL(),
                            new DefaultResourceRetriever(2_000, 2_000, 512 * 1024))
                    .cache(KEY_CACHE.toMillis(), 5_000)
                    .refreshAheadCache(false)
                    .rateLimited(REFETCH_INTERVAL.toMillis())
                    .retrying(false)
                    .outageTolerant(false)
                    .build();
            return ((JWKSetBasedJWKSource<SecurityContext>) built).getJWKSetSource();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("JWT_JWKS_URL " + settings.jwksUrl() + " is not a URL: " + e.getMessage(), e);
        }
    }

    /**
     * @param authorization the Authorization header: the token alone or after {@code Bearer }
     * @return the claims and scopes as API Gateway hands them to the function
     * @throws InvalidTokenException saying why API Gateway would answer 401
     */
    VerifiedToken verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new InvalidTokenException("no token in the Authorization header");
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : authorization.trim();
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a signed JWT: " + e.getMessage(), e);
        }
        if (jwt.getHeader().getKeyID() == null) {
            throw new InvalidTokenException("the token has no kid header naming the key that signed it");
        }
        try {
            // The payload as sent, not the parsed claims: a one-element aud array stays an array.
            processor.process(jwt, null);
            return VerifiedToken.of(jwt.getPayload().toJSONObject(), settings.scopeClaim());
        } catch (KeySourceException e) {
            throw new InvalidTokenException("no key " + jwt.getHeader().getKeyID() + " could be had from " + settings.jwksUrl()
                    + ": " + e.getMessage(), e);
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(e.getMessage() + " (kid " + jwt.getHeader().getKeyID() + ", alg "
                    + jwt.getHeader().getAlgorithm() + ")", e);
        }
    }

    /**
     * nimbus's own front of the chain reads the wall clock; this one reads {@code clock}, so the
     * cache and the rate limit can be tested without waiting. Same steps: the cached set, and one
     * refresh when no key matches.
     */
    private record ClockedKeys(JWKSetSource<SecurityContext> source, Clock clock) implements JWKSource<SecurityContext> {
        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            long now = clock.millis();
            JWKSet cached = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
            List<JWK> keys = selector.select(cached);
            if (keys.isEmpty()) {
                keys = selector.select(source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(cached), now, context));
            }
            return keys;
        }
    }

    static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message) {
            super(message);
        }

        InvalidTokenException(String message, Exception cause) {
            super(message, cause);
        }
    }
}
