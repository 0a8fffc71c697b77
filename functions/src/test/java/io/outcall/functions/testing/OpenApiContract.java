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
        String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
        JsonSchema schema = compiled.computeIfAbsent(schemaPointer,
                pointer -> schemas.getSchema(SchemaLocation.of(DOCUMENT_ID + "#" + pointer), config));
        Set<ValidationMessage> errors = schema.validate(body);
        if (!errors.isEmpty()) {
            fail(method + " " + template + " " + status + " answered a body that openapi.yaml's schema refuses: "
                    + errors + "\nbody: " + body);
        }
    }

    /** The same check for a serialized API Gateway request event and the proxy response the handler wrote. */
    public void assertResponse(byte[] requestEvent, JsonNode proxyResponse) {
        try {
            JsonNode event = JSON.readTree(requestEvent);
            JsonNode http = event.at("/requestContext/http");
            String contentType = proxyResponse.path("headers").path("content-type").asText(null);
            JsonNode body = proxyResponse.hasNonNull("body") && !proxyResponse.get("body").asText().isEmpty()
                    ? JSON.readTree(proxyResponse.get("body").asText()) : null;
            assertResponse(http.get("method").asText(), event.path("rawPath").asText(http.path("path").asText()),
                    proxyResponse.get("statusCode").asInt(), contentType, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
