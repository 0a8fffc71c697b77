package io.outcall.local;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * Tokens for {@code ./run-local}: the local issuer that signs them, and the front's authorizer as the
 * environment configures it. Unless {@code JWT_JWKS_URL} names a real provider, the local issuer's
 * JWKS is served by a {@link JwksEndpoint} and the front verifies local tokens against it over HTTP,
 * as it would a provider's.
 *
 * @param provider the real identity provider's settings, null for the local issuer
 */
record LocalAuth(LocalIssuer issuer, AuthorizerSettings provider, String tenantClaim, String scopeClaim) {

    /** @throws IllegalArgumentException naming the variable to set when a provider is half configured */
    static LocalAuth fromEnvironment(LocalIssuer issuer, Map<String, String> env) {
        return new LocalAuth(issuer, AuthorizerSettings.provider(env), env.getOrDefault("TENANT_CLAIM", "tenant_id"),
                AuthorizerSettings.scopeClaim(env));
    }

    String token(TokenGrant grant) {
        return issuer.token(grant, tenantClaim, scopeClaim);
    }

    /** The local issuer's JWKS endpoint, started; null when a real provider's keys are used instead. */
    JwksEndpoint localKeys() throws IOException {
        return provider == null ? new JwksEndpoint(issuer::jwks) : null;
    }

    /** @param localKeys what {@link #localKeys()} gave */
    TokenVerifier authorizer(JwksEndpoint localKeys, Clock clock) {
        return new TokenVerifier(provider == null ? AuthorizerSettings.localIssuer(localKeys.url(), scopeClaim) : provider, clock);
    }
}
