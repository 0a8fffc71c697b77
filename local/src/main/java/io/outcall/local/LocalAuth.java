package io.outcall.local;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Tokens for {@code ./run-local}: the local issuer that signs them, and the front's authorizer as the
 * environment configures it. Unless {@code JWT_JWKS_URL} names a real provider, the front serves the
 * local issuer's JWKS itself and verifies local tokens against it over HTTP, as it would a provider's.
 */
record LocalAuth(LocalIssuer issuer, Map<String, String> env, String tenantClaim) {

    LocalAuth {
        env = Map.copyOf(env);
        AuthorizerSettings.fromEnvironment(env, 0); // a provider half configured fails now, naming the variable to set
    }

    static LocalAuth fromEnvironment(LocalIssuer issuer, Map<String, String> env) {
        return new LocalAuth(issuer, env, env.getOrDefault("TENANT_CLAIM", "tenant_id"));
    }

    AuthorizerSettings authorizer(int apiPort) {
        return AuthorizerSettings.fromEnvironment(env, apiPort);
    }

    String token(TokenGrant grant) {
        return issuer.token(grant, tenantClaim, authorizer(0).scopeClaim());
    }

    /** The API front on {@code port} (0: any free one), its authorizer pointed at the port it got. */
    HttpFront front(int port, List<HttpFront.Route> routes, ObjectMapper json, Clock clock) throws IOException {
        String servedJwks = authorizer(port).isLocalIssuer() ? issuer.jwks() : null;
        return new HttpFront(port, routes, bound -> new TokenVerifier(authorizer(bound), clock), json, servedJwks);
    }
}
