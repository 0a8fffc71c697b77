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
 * @param issuer      null for the local sign-in
 * @param clientId    null for the local sign-in
 * @param audioOrigin where the recordings' presigned links point (the local S3), for the CSP's
 *                    media-src; null for none
 */
record ConsoleConfig(String signIn, String issuer, String clientId, String scopes, String tenantClaim, String scopeClaim,
                     String audioOrigin) {

    static final String PATH = "/console-config.json";

    static ConsoleConfig local(String tenantClaim, String scopeClaim) {
        return new ConsoleConfig("local", null, null, null, tenantClaim, scopeClaim, null);
    }

    /**
     * The local sign-in, unless {@code CONSOLE_OIDC_ISSUER} and {@code CONSOLE_OIDC_CLIENT_ID} name
     * the identity provider ./run-local verifies tokens of (JWT_JWKS_URL). The call page plays
     * recordings from the local S3 (S3_ENDPOINT), where their presigned links point.
     */
    static ConsoleConfig fromEnvironment(Map<String, String> env, String tenantClaim, String scopeClaim) {
        String issuer = env.get("CONSOLE_OIDC_ISSUER");
        String clientId = env.get("CONSOLE_OIDC_CLIENT_ID");
        String s3 = env.get("S3_ENDPOINT");
        String audioOrigin = s3 == null || s3.isBlank() ? null : origin(s3);
        if (issuer == null || issuer.isBlank() || clientId == null || clientId.isBlank()) {
            return new ConsoleConfig("local", null, null, null, tenantClaim, scopeClaim, audioOrigin);
        }
        return new ConsoleConfig("oidc", issuer, clientId,
                env.getOrDefault("CONSOLE_OIDC_SCOPES", "openid outcall/calls outcall/admin outcall/platform"),
                tenantClaim, scopeClaim, audioOrigin);
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /**
     * The origins the console's scripts reach besides its own, for the CSP's connect-src: the PKCE
     * code exchange's, and the local S3's, where a prompt's WAV is PUT to its presigned URL.
     */
    String connectSources() {
        return String.join(" ", java.util.stream.Stream.of(issuer == null ? null : origin(issuer), audioOrigin)
                .filter(java.util.Objects::nonNull).toList());
    }

    /** The origin the call page's audio element plays recordings from, for the CSP's media-src. */
    String mediaSources() {
        return audioOrigin == null ? "" : audioOrigin;
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
