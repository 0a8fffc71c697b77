package io.outcall.functions.prompts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.prompt.PromptConversion;
import io.outcall.functions.PromptWiring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * S3's ObjectCreated notification for uploads/: converts each upload to what Asterisk plays and
 * marks its prompt ready or rejected (one JSON log line per upload). A failure to reach S3 or
 * DynamoDB throws, so Lambda retries the asynchronous invocation; a bad upload never does.
 */
public final class PromptConversionHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PromptConversion conversion;
    private final PrintStream log;

    public PromptConversionHandler() {
        this(PromptWiring.fromEnvironment().conversion(), System.out);
    }

    public PromptConversionHandler(PromptConversion conversion, PrintStream log) {
        this.conversion = conversion;
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream out, Context context) throws IOException {
        for (JsonNode record : JSON.readTree(event).path("Records")) {
            JsonNode object = record.path("s3").path("object");
            // S3 writes the key URL-encoded as a form value: '+' is a space.
            String key = URLDecoder.decode(object.path("key").asText(), StandardCharsets.UTF_8);
            PromptConversion.Outcome outcome = conversion.convert(key, object.path("size").asLong());
            ObjectNode line = JSON.createObjectNode().put("level", "INFO").put("event", "prompt.conversion")
                    .put("key", outcome.key()).put("result", outcome.result()).put("detail", outcome.detail());
            log.println(line);
        }
        out.write("{}".getBytes(StandardCharsets.UTF_8));
    }
}
