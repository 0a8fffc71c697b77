package io.outcall.functions.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The repository's {@code openapi.yaml} as a test oracle: every response an HTTP scenario test gets
 * must be one the document declares for its route and status, with a body its schema accepts. So
 * the document cannot drift from what the handlers really answer.
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    // The document is registered under this id so that its "#/components/..." references resolve.
    private static final String DOCUMENT_ID = "https://outcall.dev/openapi.json";

    private final JsonNode document;
    private final JsonSchemaFactory schemas;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final List<PathTemplate> paths = new ArrayList<>();

    private OpenApiContract(Path file) {
        try {
            this.document = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String text = document.toString();
        this.schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_ID, text))));
        document.get("paths").fieldNames().forEachRemaining(path -> paths.add(PathTemplate.of(path)));
        // A literal segment wins over a parameter: /calls/stats before /calls/{callId}.
        paths.sort(Comparator.comparingInt(PathTemplate::parameters));
    }

    /** The document at the root of the repository (the nearest parent folder that holds one). */
    public static OpenApiContract repository() {
        return Repository.CONTRACT;
    }

    /** Read once, when first asked for: the document does not change while the tests run. */
    private static final class Repository {
        static final OpenApiContract CONTRACT = new OpenApiContract(find());
    }

    /** The route templates the document declares, as "METHOD /path/{param}". */
    public Set<String> routes() {
        Set<String> routes = new java.util.TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> routes.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        return routes;
    }

    /**
     * Fails unless the document declares {@code status} for this request's route and the body fits
     * the schema of its content type.
     *
     * @param path the request's path, e.g. /calls/01J...; matched against the document's templates
     */
    public void assertResponse(String method, String path, int status, String contentType, JsonNode body) {
        assertResponse(method, path, status, contentType, body, Map.of());
    }

    /**
     * As above, and every header the document marks required for that response is there, with a
     * value its schema accepts.
     *
     * @param headers the response's headers, names lower-cased as API Gateway sends them
     */
    public void assertResponse(String method, String path, int status, String contentType, JsonNode body,
                               Map<String, String> headers) {
        String template = template(path);
        String operationPointer = "/paths/" + escape(template) + "/" + method.toLowerCase(java.util.Locale.ROOT);
        if (document.at(operationPointer).isMissingNode()) {
            fail("openapi.yaml has no operation " + method + " " + template + " (for " + path + ")");
        }
        String responsePointer = operationPointer + "/responses/" + status;
        if (document.at(responsePointer).isMissingNode()) {
            responsePointer = operationPointer + "/responses/default";
        }
        JsonNode response = document.at(responsePointer);
        if (response.isMissingNode()) {
            fail("openapi.yaml does not declare status " + status + " for " + method + " " + template
                    + "; the handler answered it with " + body);
        }
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = document.at(responsePointer);
        }
        assertHeaders(method + " " + template + " " + status, responsePointer, response, headers);
        String mediaType = contentType == null ? null : contentType.split(";", 2)[0].trim();
        if (body == null || body.isMissingNode()) {
            if (response.has("content")) {
                fail(method + " " + template + " " + status + " answered no body, but openapi.yaml declares one");
            }
            return;
        }
        if (!response.path("content").has(mediaType)) {
            fail(method + " " + template + " " + status + " answered " + mediaType + ", which openapi.yaml does not declare"
                    + " (it declares " + fieldNames(response.path("content")) + ")");
        }
        Set<ValidationMessage> errors = validate(responsePointer + "/content/" + escape(mediaType) + "/schema", body);
        if (!errors.isEmpty()) {
            fail(method + " " + template + " " + status + " answered a body that openapi.yaml's schema refuses: "
                    + errors + "\nbody: " + body);
        }
    }

    /**
     * Fails unless a request body the handler accepted (answered 2xx) is one the operation's request
     * schema accepts too: a schema stricter than the handler would send clients away from requests
     * that work. (Refused requests are not checked: many are refused for what no schema can see.)
     */
    public void assertAcceptedRequest(String method, String path, String contentType, JsonNode body) {
        String template = template(path);
        String operationPointer = "/paths/" + escape(template) + "/" + method.toLowerCase(java.util.Locale.ROOT);
        JsonNode requestBody = resolve(operationPointer + "/requestBody");
        if (document.at(operationPointer).path("x-items-refused-one-by-one").asBoolean(false)) {
            return; // a batch: the handler answers 2xx with per-item refusals for items the schema refuses
        }
        if (body == null) {
            if (requestBody.path("required").asBoolean(false)) {
                fail(method + " " + template + " accepted a request without a body, but openapi.yaml requires one");
            }
            return;
        }
        if (requestBody.isMissingNode()) {
            fail(method + " " + template + " accepted a request body, but openapi.yaml declares none: " + body);
        }
        String mediaType = contentType == null ? null : contentType.split(";", 2)[0].trim();
        if (!requestBody.path("content").has(mediaType)) {
            fail(method + " " + template + " accepted a body sent as " + mediaType + ", which openapi.yaml does not declare"
                    + " (it declares " + fieldNames(requestBody.path("content")) + ")");
        }
        String pointer = requestBody.get("$pointer").asText() + "/content/" + escape(mediaType) + "/schema";
        Set<ValidationMessage> errors = validate(pointer, body);
        if (!errors.isEmpty()) {
            fail(method + " " + template + " accepted a request body that openapi.yaml's schema refuses: " + errors
                    + "\nbody: " + body);
        }
    }

    private void assertHeaders(String what, String responsePointer, JsonNode response, Map<String, String> headers) {
        for (Iterator<String> names = response.path("headers").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode header = resolve(responsePointer + "/headers/" + escape(name));
            String value = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            if (value == null) {
                if (header.path("required").asBoolean(false)) {
                    fail(what + " answered without the header " + name + ", which openapi.yaml requires; headers: " + headers);
                }
                continue;
            }
            Set<ValidationMessage> errors = validate(header.get("$pointer").asText() + "/schema", headerValue(header, value));
            if (!errors.isEmpty()) {
                fail(what + " answered the header " + name + ": " + value + ", which openapi.yaml's schema refuses: " + errors);
            }
        }
    }

    /** A header's text as the JSON value its schema describes: a number when it declares one (Retry-After). */
    private static JsonNode headerValue(JsonNode header, String value) {
        String type = header.path("schema").path("type").asText("");
        if ((type.equals("integer") || type.equals("number")) && value.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return JSON.getNodeFactory().numberNode(new java.math.BigDecimal(value));
        }
        return JSON.getNodeFactory().textNode(value);
    }

    /** The node at {@code pointer}, following one $ref; with its own pointer under "$pointer" (missing when absent). */
    private JsonNode resolve(String pointer) {
        JsonNode node = document.at(pointer);
        if (node.has("$ref")) {
            pointer = node.get("$ref").asText().substring(1);
            node = document.at(pointer);
        }
        if (node.isMissingNode()) {
            return node;
        }
        return ((com.fasterxml.jackson.databind.node.ObjectNode) node.deepCopy()).put("$pointer", pointer);
    }

    private Set<ValidationMessage> validate(String schemaPointer, JsonNode value) {
        JsonSchema schema = compiled.computeIfAbsent(schemaPointer,
                pointer -> schemas.getSchema(SchemaLocation.of(DOCUMENT_ID + "#" + pointer), config));
        return schema.validate(value);
    }

    /**
     * The same checks for a serialized API Gateway request event and the proxy response the handler
     * wrote: the response (status, headers, body) and, when the handler accepted it, the request body.
     */
    public void assertResponse(byte[] requestEvent, JsonNode proxyResponse) {
        try {
            JsonNode event = JSON.readTree(requestEvent);
            JsonNode http = event.at("/requestContext/http");
            String method = http.get("method").asText();
            String path = event.path("rawPath").asText(http.path("path").asText());
            Map<String, String> headers = new java.util.HashMap<>();
            proxyResponse.path("headers").fields().forEachRemaining(
                    h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue().asText()));
            JsonNode body = proxyResponse.hasNonNull("body") && !proxyResponse.get("body").asText().isEmpty()
                    ? JSON.readTree(proxyResponse.get("body").asText()) : null;
            int status = proxyResponse.get("statusCode").asInt();
            assertResponse(method, path, status, headers.get("content-type"), body, headers);
            if (status >= 200 && status < 300) {
                assertAcceptedRequest(method, path, requestHeader(event, "content-type"), requestBody(event));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String requestHeader(JsonNode event, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = event.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue().asText();
            }
        }
        return null;
    }

    private static JsonNode requestBody(JsonNode event) throws IOException {
        String text = event.path("body").isTextual() ? event.path("body").textValue() : "";
        if (text.isEmpty()) {
            return null;
        }
        byte[] bytes = event.path("isBase64Encoded").asBoolean(false) ? java.util.Base64.getDecoder().decode(text)
                : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String type = requestHeader(event, "content-type");
        if (type != null && type.startsWith("text/")) {
            // A text body (a CSV import) is held to a string schema as the text it is.
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        return JSON.readTree(bytes);
    }

    private String template(String path) {
        for (PathTemplate template : paths) {
            if (template.pattern().matcher(path).matches()) {
                return template.template();
            }
        }
        fail("openapi.yaml declares no path that matches " + path + " (it has " + fieldNames(document.get("paths")) + ")");
        throw new AssertionError();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** JSON Pointer escaping (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("openapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no openapi.yaml in " + Path.of("").toAbsolutePath() + " or a parent");
    }

    private record PathTemplate(String template, Pattern pattern, int parameters) {
        static PathTemplate of(String template) {
            StringBuilder regex = new StringBuilder();
            int parameters = 0;
            for (String part : template.split("(?=\\{)|(?<=\\})")) {
                if (part.startsWith("{")) {
                    regex.append("[^/]+");
                    parameters++;
                } else {
                    regex.append(Pattern.quote(part));
                }
            }
            return new PathTemplate(template, Pattern.compile(regex.toString()), parameters);
        }
    }
}
