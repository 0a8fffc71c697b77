package io.outcall.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Map;

/**
 * What {@code /console-config.json} tells the console: how to sign in. {@code local}: ask this
 * front for a token of a tenant ({@link LocalTokenEndpoint}). {@code oidc}: the authorization
 * code flow with PKCE against {@code issuer} as client {@code clientId}, the way a deployment
 * configures it (Cognito there).
 *
 * @param issuer   null for the local sign-in
 * @param clientId null for the local sign-in
 */
record ConsoleConfig(String signIn, String issuer, String clientId, String scopes, String tenantClaim, String scopeClaim) {

    static final String PATH = "/console-config.json";

    static ConsoleConfig local(String tenantClaim, String scopeClaim) {
        return new ConsoleConfig("local", null, null, null, tenantClaim, scopeClaim);
    }

    /**
     * The local sign-in, unless {@code CONSOLE_OIDC_ISSUER} and {@code CONSOLE_OIDC_CLIENT_ID} name
     * the identity provider ./run-local verifies tokens of (JWT_JWKS_URL).
     */
    static ConsoleConfig fromEnvironment(Map<String, String> env, String tenantClaim, String scopeClaim) {
        String issuer = env.get("CONSOLE_OIDC_ISSUER");
        String clientId = env.get("CONSOLE_OIDC_CLIENT_ID");
        if (issuer == null || issuer.isBlank() || clientId == null || clientId.isBlank()) {
            return local(tenantClaim, scopeClaim);
        }
        return new ConsoleConfig("oidc", issuer, clientId,
                env.getOrDefault("CONSOLE_OIDC_SCOPES", "openid outcall/calls outcall/admin outcall/platform"),
                tenantClaim, scopeClaim);
    }

    /** The origin the console's PKCE code exchange reaches, for the CSP's connect-src. */
    String connectSources() {
        if (issuer == null) {
            return "";
        }
        URI uri = URI.create(issuer);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    String json() {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("signIn", signIn);
        if (issuer != null) {
            node.put("issuer", issuer);
            node.put("clientId", clientId);
            node.put("scopes", scopes);
        }
        node.put("tenantClaim", tenantClaim);
        node.put("scopeClaim", scopeClaim);
        node.put("apiBase", "");
        return node.toString();
    }
}
