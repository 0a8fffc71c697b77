package io.outcall.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the handlers template.yaml names, each once with its no-arg constructor, as Lambda's
 * execution environment builds it, and hands the same instance to every local caller: the HTTP
 * front, the schedules and the Invoke API. The functions read their settings from this process's
 * environment, which ./run-local sets as template.yaml's Globals do.
 *
 * <p>A {@link RequestHandler} is served as a stream handler: its input read into the type its
 * {@code handleRequest} declares and its result written as JSON, as Lambda's Java runtime does.
 */
final class FunctionHandlers {

    private final Map<String, RequestStreamHandler> built = new ConcurrentHashMap<>();
    private final ObjectMapper json;

    FunctionHandlers(ObjectMapper json) {
        this.json = json;
    }

    /** The handler of {@code className}, built on first use and kept. */
    RequestStreamHandler handler(String className) {
        return built.computeIfAbsent(className, this::build);
    }

    private RequestStreamHandler build(String className) {
        Object handler;
        try {
            handler = Class.forName(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("template.yaml names handler " + className
                    + ", which cannot be built with a public no-arg constructor: " + e, e);
        }
        if (handler instanceof RequestStreamHandler stream) {
            return stream;
        }
        if (handler instanceof RequestHandler<?, ?> typed) {
            return adapt(className, typed);
        }
        throw new IllegalStateException("template.yaml names handler " + className
                + ", which is neither a RequestStreamHandler nor a RequestHandler");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private RequestStreamHandler adapt(String className, RequestHandler typed) {
        JavaType input = json.constructType(inputType(className, typed.getClass()));
        return (in, out, context) -> {
            Object event = json.readValue(in, input);
            json.writeValue(out, typed.handleRequest(event, context));
        };
    }

    /** The declared input type of handleRequest: the one method that is not the compiler's erased bridge. */
    private static java.lang.reflect.Type inputType(String className, Class<?> type) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals("handleRequest") && !m.isBridge() && m.getParameterCount() == 2
                    && m.getParameterTypes()[1] == Context.class) {
                return m.getGenericParameterTypes()[0];
            }
        }
        throw new IllegalStateException(className + " has no handleRequest(input, Context) method");
    }
}
