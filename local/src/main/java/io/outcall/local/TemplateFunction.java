package io.outcall.local;

import io.outcall.localaws.CloudFormationTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function} of template.yaml as the local runner needs it: its logical
 * name, its handler class and the properties of each of its events by type.
 */
record TemplateFunction(String name, String handlerClass, List<Event> events) {

    record Event(String type, Map<String, Object> properties) {
    }

    /** Every function of the template, in template order. */
    @SuppressWarnings("unchecked")
    static List<TemplateFunction> all(CloudFormationTemplate template) {
        List<TemplateFunction> functions = new ArrayList<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach((name, props) -> {
            String handler = (String) props.get("Handler");
            if (handler == null || !handler.contains("::")) {
                throw new IllegalStateException(name + ": template.yaml's Handler must be class::method, was " + handler);
            }
            List<Event> events = new ArrayList<>();
            ((Map<String, Object>) props.getOrDefault("Events", Map.of())).values().forEach(e -> {
                Map<String, Object> event = (Map<String, Object>) e;
                events.add(new Event((String) event.get("Type"),
                        (Map<String, Object>) event.getOrDefault("Properties", Map.of())));
            });
            functions.add(new TemplateFunction(name, handler.substring(0, handler.indexOf("::")), List.copyOf(events)));
        });
        return functions;
    }

    /** The properties of each event of this type, e.g. each HttpApi route or each Schedule. */
    List<Map<String, Object>> eventsOfType(String type) {
        return events.stream().filter(e -> type.equals(e.type())).map(Event::properties).toList();
    }

    /** Fed by a stream, a queue or a bucket: ./run-local's event sources invoke it, as Lambda's mappings and S3 do. */
    boolean fedByEventSource() {
        return !eventsOfType("DynamoDB").isEmpty() || !eventsOfType("SQS").isEmpty() || !eventsOfType("S3").isEmpty();
    }

    /** Behind an API Gateway route: served by the HTTP front, not by the Invoke API. */
    boolean routed() {
        return !eventsOfType("HttpApi").isEmpty();
    }
}
