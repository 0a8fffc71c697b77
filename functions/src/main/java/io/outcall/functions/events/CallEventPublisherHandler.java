package io.outcall.functions.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.outcall.core.events.EventBus;
import io.outcall.core.events.JourneyWaits;
import io.outcall.core.json.Json;
import io.outcall.core.publish.CallEventPublisher;
import io.outcall.core.webhooks.WebhookEndpointStore;
import io.outcall.core.webhooks.WebhookQueue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Invoked by the calls table's stream (NEW_AND_OLD_IMAGES) with a batch of records; pushes every
 * status change out (see {@link CallEventPublisher}) and answers Lambda's partial batch response,
 * {@code {"batchItemFailures": [{"itemIdentifier": "<sequence number>"}]}}, naming the first
 * record that failed so the stream retries from there and no later change overtakes it.
 */
public final class CallEventPublisherHandler implements RequestStreamHandler {

    private final StreamEventReader reader;
    private final CallEventPublisher publisher;
    private final Json json;

    public CallEventPublisherHandler() {
        this(EventsWiring.fromEnvironment(System.getenv()), System.out::println);
    }

    private CallEventPublisherHandler(EventsWiring wiring, Consumer<String> log) {
        this(wiring.endpoints(), wiring.queue(), bus(wiring, log), journeys(wiring, log), wiring.json(), Clock.systemUTC(),
                log);
    }

    /** Step Functions, except in a local run that names no stand-in for it: there a token is only reported. */
    private static JourneyWaits journeys(EventsWiring wiring, Consumer<String> log) {
        if (wiring.local() && !wiring.hasStepFunctions()) {
            log.accept("SFN_ENDPOINT is not set in this local run: a journey's task token is reported, not sent");
            return (token, output) -> JourneyWaits.Result.TOKEN_GONE;
        }
        return new StepFunctionsJourneyWaits(wiring.stepFunctions());
    }

    public CallEventPublisherHandler(WebhookEndpointStore endpoints, WebhookQueue queue, Optional<EventBus> bus,
                                     JourneyWaits journeys, Json json, Clock clock, Consumer<String> log) {
        this.reader = new StreamEventReader(json);
        this.publisher = new CallEventPublisher(endpoints, queue, bus, journeys, json, clock, log);
        this.json = json;
    }

    private static Optional<EventBus> bus(EventsWiring wiring, Consumer<String> log) {
        Optional<String> name = wiring.busName();
        if (name.isEmpty()) {
            log.accept("EVENT_BUS_NAME is not set: call status changes are not put on EventBridge");
            return Optional.empty();
        }
        return Optional.of(new EventBridgeBus(wiring.eventBridge(), name.get(), wiring.json()));
    }

    @Override
    public void handleRequest(InputStream event, OutputStream output, Context context) throws IOException {
        Optional<String> failed = publisher.publish(reader.read(event));
        json.write(out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("batchItemFailures");
            if (failed.isPresent()) {
                out.writeStartObject();
                out.writeStringField("itemIdentifier", failed.get());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }, output);
    }
}
