package io.outcall.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.outcall.localaws.CloudFormationTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server that behaves like API Gateway's HTTP API in front of the functions: the routes
 * and handler classes come from template.yaml, each request becomes a payload-format-2.0 event as
 * API Gateway builds it (JWT claims included), and the handler's 2.0 response goes back as HTTP.
 * Handlers are built once with their no-arg constructors, as the Lambda runtime builds them.
 */
final class HttpFront implements AutoCloseable {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    record Route(String method, String pathTemplate, Pattern pattern, List<String> parameters, String handlerClass,
                 RequestStreamHandler handler) {
        String routeKey() {
            return method + " " + pathTemplate;
        }
    }

    private final HttpServer server;
    private final List<Route> routes;
    private final TokenVerifier tokens;
    private final ObjectMapper json;
    private final ConsoleSite console;
    private final java.util.concurrent.ExecutorService requests = Executors.newFixedThreadPool(8);

    HttpFront(int port, List<Route> routes, TokenVerifier tokens, ObjectMapper json) throws IOException {
        this(port, routes, tokens, json, null);
    }

    /** @param openApi served as it is at GET /openapi.yaml, without a token (null: not served) */
    HttpFront(int port, List<Route> routes, TokenVerifier tokens, ObjectMapper json, Path openApi) throws IOException {
        this(port, routes, tokens, json, openApi, null);
    }

    /**
     * @param console the web console, answering what no API route does (null: not served); the
     *                API's routes always come first, so the console never changes what they answer
     */
    HttpFront(int port, List<Route> routes, TokenVerifier tokens, ObjectMapper json, Path openApi, ConsoleSite console)
            throws IOException {
        this.routes = routes;
        this.console = console;
        this.tokens = tokens;
        this.json = json;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(requests);
        server.createContext("/", this::serve);
        if (openApi != null) {
            server.createContext("/openapi.yaml", exchange -> serveFile(exchange, openApi, "application/yaml"));
        }
        server.start();
    }

    /** The HttpApi routes of every function in the template, each handler made by {@code handlers} from its class name. */
    static List<Route> routesOf(CloudFormationTemplate template, java.util.function.Function<String, RequestStreamHandler> handlers) {
        List<Route> routes = new ArrayList<>();
        for (TemplateFunction function : TemplateFunction.all(template)) {
            for (Map<String, Object> p : function.eventsOfType("HttpApi")) {
                routes.add(route(((String) p.get("Method")).toUpperCase(Locale.ROOT), (String) p.get("Path"),
                        function.handlerClass(), handlers.apply(function.handlerClass())));
            }
        }
        // Literal segments before parameters, as API Gateway prefers the most specific route.
        routes.sort((a, b) -> Long.compare(a.parameters().size(), b.parameters().size()));
        return routes;
    }

    private static Route route(String method, String path, String className, RequestStreamHandler handler) {
        List<String> parameters = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(last, m.start()))).append("([^/]+)");
            parameters.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        return new Route(method, path, Pattern.compile(regex.toString()), parameters, className, handler);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The API's description, read anew on each request so an edit shows without a restart. */
    private void serveFile(HttpExchange exchange, Path file, String contentType) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equalsIgnoreCase("GET")) {
                write(exchange, 405, Map.of("allow", "GET", "content-type", "application/json"),
                        "{\"message\":\"Method Not Allowed\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            write(exchange, 200, Map.of("content-type", contentType), Files.readAllBytes(file));
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            for (Route route : routes) {
                Matcher m = route.pattern().matcher(path);
                if (route.method().equals(method) && m.matches()) {
                    VerifiedToken token;
                    try {
                        token = tokens.verify(exchange.getRequestHeaders().getFirst("Authorization"));
                    } catch (TokenVerifier.InvalidTokenException e) {
                        // API Gateway answers 401 itself, before any function runs, and says why in this header.
                        String why = e.getMessage().replace('"', '\'');
                        write(exchange, 401, Map.of("content-type", "application/json", "www-authenticate",
                                        "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + why + "\""),
                                "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    invoke(exchange, route, m, token);
                    return;
                }
            }
            if (console != null && console.serve(exchange)) {
                return;
            }
            write(exchange, 404, Map.of("content-type", "application/json"), "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            System.err.println("local front: " + e);
        }
    }

    private void invoke(HttpExchange exchange, Route route, Matcher m, VerifiedToken token) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        ObjectNode event = event(exchange, route, m, token, body);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String requestId = event.at("/requestContext/requestId").asText();
        try {
            route.handler().handleRequest(new ByteArrayInputStream(json.writeValueAsBytes(event)), out,
                    new LocalLambdaContext(route.handlerClass(), requestId));
        } catch (RuntimeException e) {
            // A function error: API Gateway answers 500 with its standard body.
            System.err.println("function " + route.handlerClass() + " failed on " + route.routeKey() + ": " + e);
            write(exchange, 500, Map.of("content-type", "application/json"),
                    "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        JsonNode response = json.readTree(out.toByteArray());
        byte[] responseBody = response.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(response.path("body").asText(""))
                : response.path("body").asText("").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        int status = response.path("statusCode").asInt(200);
        write(exchange, status, headers, responseBody);
        System.out.println(Instant.now() + " " + route.routeKey() + " -> " + status
                + (headers.containsKey("location") ? " " + headers.get("location") : ""));
    }

    private ObjectNode event(HttpExchange exchange, Route route, Matcher m, VerifiedToken token, byte[] body) {
        Instant now = Instant.now();
        ObjectNode event = json.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", exchange.getRequestURI().getRawPath());
        String rawQuery = exchange.getRequestURI().getRawQuery();
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        ObjectNode headers = event.putObject("headers");
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        if (rawQuery != null && !rawQuery.isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                // API Gateway joins repeated parameters with commas.
                query.put(key, query.has(key) ? query.get(key).asText() + "," + value : value);
            }
        }
        if (!route.parameters().isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            for (int i = 0; i < route.parameters().size(); i++) {
                // A path segment is not a form: its "+" is a plus (a number in E.164), not a space.
                parameters.put(route.parameters().get(i), URLDecoder.decode(m.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        ObjectNode jwtNode = context.putObject("authorizer").putObject("jwt");
        ObjectNode claimNode = jwtNode.putObject("claims");
        token.claims().forEach(claimNode::put);
        if (token.scopes() == null) {
            jwtNode.putNull("scopes");
        } else {
            token.scopes().forEach(jwtNode.putArray("scopes")::add);
        }
        context.put("domainName", "localhost");
        context.put("domainPrefix", "localhost");
        ObjectNode http = context.putObject("http");
        http.put("method", route.method());
        http.put("path", exchange.getRequestURI().getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        boolean text = isText(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (body.length > 0) {
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
        }
        event.put("isBase64Encoded", body.length > 0 && !text);
        return event;
    }

    /** API Gateway base64-encodes bodies it does not recognise as text. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("javascript")
                || type.startsWith("application/x-www-form-urlencoded");
    }

    static void write(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdown();
    }
}
