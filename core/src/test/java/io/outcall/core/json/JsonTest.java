package io.outcall.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming reader builds the trees {@code ObjectMapper.readTree} builds, without a mapper. */
class JsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Json json = Json.standard();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":[1,2.5,-3e2,12345678901,123456789012345678901234567890,true,false,null,{\"b\":\"\\u00e9\"}],\"c\":{},\"d\":[]}",
            "[]", "\"text\"", "42", "null", "{\"twice\":1,\"twice\":2}", "{\"a\":1} trailing is not read"})
    void readsTheTreeTheMapperReads(String document) throws Exception {
        assertEquals(MAPPER.readTree(document), json.read(document));
        assertEquals(MAPPER.readTree(document), json.read(document.getBytes(StandardCharsets.UTF_8)));
        assertEquals(MAPPER.readTree(document), json.read(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void whitespaceIsAMissingNode() throws Exception {
        assertTrue(json.read(" \n ").isMissingNode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":", "[1,", "not json", "{\"a\" 1}"})
    void brokenJsonIsAProcessingException(String document) {
        assertThrows(JsonProcessingException.class, () -> json.read(document));
    }

    @Test
    void writesTheDocumentAsTextOrUtf8() throws Exception {
        JsonWritable document = out -> {
            out.writeStartObject();
            out.writeStringField("name", "caf\u00e9 \"x\"");
            out.writeEndObject();
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        json.write(document, bytes);

        assertEquals("{\"name\":\"caf\u00e9 \\\"x\\\"\"}", json.write(document));
        assertEquals(json.write(document), bytes.toString(StandardCharsets.UTF_8));
    }
}
