package io.outcall.functions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What every HTTP API function shares: read the 2.0 event, answer, turn the failures the API
 * explains into problem responses, write the response; and take part in SnapStart's checkpoint.
 * A subclass says only how it answers and how it primes.
 */
public abstract class HttpFunction implements RequestStreamHandler, Resource {

    protected final ApiEvents api;

    protected HttpFunction(ApiEvents api) {
        this.api = api;
    }

    @Override
    public final void handleRequest(InputStream event, OutputStream out, Context context) throws IOException {
        api.write(handle(api.read(event)), out);
    }

    /** The response to one request, a problem response when the request fails in a way the API explains. */
    public final ApiResponse handle(ApiRequest request) {
        return api.respond(request, this::answer);
    }

    protected abstract ApiResponse answer(ApiRequest request);

    /**
     * For the runtime's no-arg constructor only: from here on the runtime calls
     * {@link #beforeCheckpoint} before the SnapStart snapshot is taken.
     */
    protected final void registerForSnapStart() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
