package io.outcall.local;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The local front's JWT authorizer, configured as template.yaml configures API Gateway's: where the
 * keys are, the issuer and the accepted audiences; plus the claim that carries scopes. By default the
 * local issuer's; {@code JWT_JWKS_URL}, {@code JWT_ISSUER} and {@code JWT_AUDIENCE} name a real
 * identity provider instead.
 *
 * @param clockSkew how far {@code exp}, {@code nbf} and {@code iat} may be off the local clock
 */
record AuthorizerSettings(URI jwksUrl, String issuer, Set<String> audiences, String scopeClaim, Duration clockSkew) {

    /**
     * API Gateway publishes no leeway (its guide says exp after, nbf and iat before "the current
     * time in UTC"); 60 s is nimbus's default, enough for a laptop's drift against a real provider,
     * far short of the hour-ahead nbf the old front let through.
     */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    AuthorizerSettings {
        audiences = Set.copyOf(audiences);
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("the authorizer needs at least one accepted audience (JWT_AUDIENCE)");
        }
    }

    /** The local issuer, its keys at {@code jwks}. */
    static AuthorizerSettings localIssuer(URI jwks, String scopeClaim) {
        return new AuthorizerSettings(jwks, LocalIssuer.ISSUER, Set.of(LocalIssuer.AUDIENCE), scopeClaim, CLOCK_SKEW);
    }

    /** The identity provider {@code JWT_JWKS_URL} names, or null when it is unset (the local issuer's turn). */
    static AuthorizerSettings provider(Map<String, String> env) {
        String jwks = env.get("JWT_JWKS_URL");
        if (jwks == null || jwks.isBlank()) {
            return null;
        }
        String issuer = env.get("JWT_ISSUER");
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("JWT_JWKS_URL is set but JWT_ISSUER is not; set it to the provider's issuer"
                    + " (for Cognito https://cognito-idp.REGION.amazonaws.com/POOL_ID)");
        }
        Set<String> audiences = new LinkedHashSet<>();
        Arrays.stream(env.getOrDefault("JWT_AUDIENCE", LocalIssuer.AUDIENCE).split(","))
                .map(String::trim).filter(a -> !a.isEmpty()).forEach(audiences::add);
        return new AuthorizerSettings(URI.create(jwks), issuer, audiences, scopeClaim(env), CLOCK_SKEW);
    }

    static String scopeClaim(Map<String, String> env) {
        return env.getOrDefault("SCOPE_CLAIM", "scope");
    }
}
