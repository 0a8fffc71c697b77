package io.outcall.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Handlers are built once each, by class name, and a RequestHandler is served with JSON in and out as Lambda's runtime does. */
class FunctionHandlersTest {

    /** A typed handler as Lambda's Java runtime calls it: the input read into the declared type. */
    public static final class Greeter implements RequestHandler<Map<String, List<String>>, String> {
        @Override
        public String handleRequest(Map<String, List<String>> input, Context context) {
            return "hello " + String.join(" and ", input.get("names"));
        }
    }

    private final FunctionHandlers handlers = new FunctionHandlers(new ObjectMapper());

    @Test
    void aRequestHandlerReadsItsDeclaredTypeAndAnswersJson() throws Exception {
        RequestStreamHandler greeter = handlers.handler(Greeter.class.getName());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        greeter.handleRequest(new ByteArrayInputStream("{\"names\":[\"ann\",\"bo\"]}".getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext("GreeterFunction", "r-1"));
        assertEquals("\"hello ann and bo\"", out.toString(StandardCharsets.UTF_8), "a String result is a JSON string");
    }

    @Test
    void eachHandlerIsBuiltOnceWhoeverAsks() {
        assertSame(handlers.handler(Greeter.class.getName()), handlers.handler(Greeter.class.getName()));
    }

    @Test
    void aClassThatCannotServeIsNamed() {
        var notAHandler = assertThrows(IllegalStateException.class, () -> handlers.handler(String.class.getName()));
        assertTrue(notAHandler.getMessage().contains("java.lang.String"), notAHandler.getMessage());
        var missing = assertThrows(IllegalStateException.class, () -> handlers.handler("io.outcall.NoSuchHandler"));
        assertTrue(missing.getMessage().contains("io.outcall.NoSuchHandler"), missing.getMessage());
    }
}
