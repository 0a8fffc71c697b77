package io.outcall.core.testing;

import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One DynamoDB Local and ElasticMQ for every test class of the run that asks for them (a
 * {@link LocalServices} parameter), closed when the run ends. The store tests use unique ids per
 * test, so sharing is safe, and each start costs seconds.
 */
public final class SharedLocalServices implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalServices.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> new Running(LocalServices.startInMemory()), Running.class)
                .services();
    }

    private record Running(LocalServices services) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            services.close();
        }
    }
}
