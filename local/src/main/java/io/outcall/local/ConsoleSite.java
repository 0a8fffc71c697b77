package io.outcall.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The web console as the front serves it: the console module's files from the class path
 * ({@code META-INF/resources/console/}) at {@code /}, the API reference at {@code /docs}, the
 * WebJars at {@code /webjars/}, {@code /console-config.json} saying how to sign in, and the local
 * sign-in's token endpoint. Every answer carries the console's security headers, a
 * Content-Security-Policy without inline script among them.
 */
final class ConsoleSite {

    static final String SITE = "META-INF/resources/console/";
    static final String WEBJARS = "META-INF/resources/webjars/";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("png", "image/png"), Map.entry("svg", "image/svg+xml"), Map.entry("ico", "image/x-icon"),
            Map.entry("map", "application/json"), Map.entry("txt", "text/plain; charset=utf-8"));

    private final ClassLoader classes;
    private final ConsoleConfig config;
    private final LocalTokenEndpoint localTokens;

    /** @param localTokens the local sign-in's token endpoint; null when a real identity provider signs in */
    ConsoleSite(ClassLoader classes, ConsoleConfig config, LocalTokenEndpoint localTokens) {
        this.classes = classes;
        this.config = config;
        this.localTokens = localTokens;
    }

    /** Answers {@code exchange} if it is the console's; false leaves it to the caller (a 404). */
    boolean serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (path.equals(LocalTokenEndpoint.PATH) && localTokens != null) {
            respond(exchange, localTokens.answer(exchange));
            return true;
        }
        String resource = resourceOf(path);
        if (resource == null && !path.equals(ConsoleConfig.PATH)) {
            return false;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            respond(exchange, ConsoleAnswer.json(405, "{\"message\":\"Method Not Allowed\"}").with("allow", "GET, HEAD"));
            return true;
        }
        if (path.equals(ConsoleConfig.PATH)) {
            respond(exchange, ConsoleAnswer.json(200, config.json()).with("cache-control", "no-store"));
            return true;
        }
        try (InputStream in = classes.getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            byte[] body = in.readAllBytes();
            ConsoleAnswer answer = new ConsoleAnswer(200, typeOf(resource), body, Map.of())
                    // WebJars are versioned in their path; the console's own files are revalidated on each load.
                    .with("cache-control", resource.startsWith(WEBJARS) ? "public, max-age=86400" : "no-cache");
            respond(exchange, method.equals("HEAD") ? answer.headOnly() : answer);
        }
        return true;
    }

    /** The class-path resource a console path names, or null: not a console path, or one that climbs out. */
    static String resourceOf(String path) {
        if (path.contains("..") || path.contains("//") || path.contains("\\") || path.contains("%")) {
            return null;
        }
        if (path.equals("/") || path.equals("/index.html")) {
            return SITE + "index.html";
        }
        if (path.equals("/docs") || path.equals("/docs/")) {
            return SITE + "docs/index.html";
        }
        if (path.startsWith("/webjars/") && path.length() > "/webjars/".length()) {
            return WEBJARS + path.substring("/webjars/".length());
        }
        if ((path.startsWith("/assets/") || path.startsWith("/docs/")) && !path.endsWith("/")) {
            return SITE + path.substring(1);
        }
        return null;
    }

    private static String typeOf(String resource) {
        String extension = resource.substring(resource.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private void respond(HttpExchange exchange, ConsoleAnswer answer) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(securityHeaders(config.connectSources(), config.mediaSources()));
        headers.put("content-type", answer.contentType());
        headers.putAll(answer.headers());
        if (answer.isHeadOnly()) {
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        HttpFront.write(exchange, answer.status(), headers, answer.body());
    }

    /**
     * No inline script or style, nothing from elsewhere but the identity provider the console
     * talks to and the recordings' audio (media-src only: an audio element needs no CORS), no
     * framing, no plugins; the same for every console answer (a deployment's CDN sets the same ones).
     */
    static Map<String, String> securityHeaders(String connectSources, String mediaSources) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-security-policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " font-src 'self'; connect-src 'self'" + (connectSources.isEmpty() ? "" : " " + connectSources) + ";"
                + (mediaSources.isEmpty() ? "" : " media-src " + mediaSources + ";")
                + " manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'");
        headers.put("x-content-type-options", "nosniff");
        headers.put("x-frame-options", "DENY");
        headers.put("referrer-policy", "no-referrer");
        headers.put("cross-origin-opener-policy", "same-origin");
        headers.put("cross-origin-resource-policy", "same-origin");
        headers.put("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
        return headers;
    }
}
