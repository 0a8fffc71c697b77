package io.outcall.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON in and out with Jackson's streaming API only: trees are built from parser tokens and
 * documents are written field by field. Deliberately no {@code ObjectMapper}: building one and
 * serialising records through databind cost the make-call Lambda about a tenth of its cold start,
 * for documents of a dozen fields. Thread-safe, like the {@link JsonFactory} it wraps.
 */
public final class Json {

    private final JsonFactory factory;

    public Json(JsonFactory factory) {
        this.factory = factory;
    }

    /** A Json over a default {@link JsonFactory}. */
    public static Json standard() {
        return new Json(new JsonFactory());
    }

    /**
     * @return the document's tree; a missing node when the input holds only whitespace
     * @throws com.fasterxml.jackson.core.JsonProcessingException when it is not JSON
     */
    public JsonNode read(byte[] document) throws IOException {
        try (JsonParser parser = factory.createParser(document)) {
            return JsonTreeReader.read(parser);
        }
    }

    /** As {@link #read(byte[])}. */
    public JsonNode read(String document) throws IOException {
        try (JsonParser parser = factory.createParser(document)) {
            return JsonTreeReader.read(parser);
        }
    }

    /** As {@link #read(byte[])}; does not close {@code document}. */
    public JsonNode read(InputStream document) throws IOException {
        try (JsonParser parser = factory.createParser(document)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return JsonTreeReader.read(parser);
        }
    }

    public String write(JsonWritable document) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = factory.createGenerator(text)) {
            document.writeTo(generator);
        } catch (IOException e) {
            // A StringWriter does not fail; only a broken writeTo can get here.
            throw new UncheckedIOException("cannot write a JSON document", e);
        }
        return text.toString();
    }

    /** Writes {@code document} as UTF-8; does not close {@code out}. */
    public void write(JsonWritable document, OutputStream out) throws IOException {
        try (JsonGenerator generator = factory.createGenerator(out)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            document.writeTo(generator);
        }
    }
}
