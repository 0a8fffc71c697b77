package io.outcall.localaws;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What Lambda gives a deployed function, pointed at the local stand-ins: the variables template.yaml's
 * Globals give every function plus those of the named functions, resolved as the local services
 * name things (queues by URL, tables and other resources by logical id, parameters by their
 * defaults), the region, credentials and the local endpoints. For a child JVM that runs the Lambda
 * jar with a cleared environment: nothing is inherited from the caller.
 */
public final class FunctionEnvironment {

    private FunctionEnvironment() {
    }

    /**
     * @param functions logical ids of the functions whose own variables are added to the Globals'
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> of(LocalServices local, CloudFormationTemplate template, Collection<String> functions) {
        Map<String, Object> variables = new LinkedHashMap<>(variables(((Map<String, Object>) template.root().get("Globals")).get("Function")));
        Map<String, Map<String, Object>> declared = template.resourcesOfType("AWS::Serverless::Function");
        for (String function : functions) {
            Map<String, Object> properties = declared.get(function);
            if (properties == null) {
                throw new IllegalArgumentException("template.yaml declares no function " + function);
            }
            variables.putAll(variables(properties));
        }
        Map<String, Object> parameters = (Map<String, Object>) template.root().getOrDefault("Parameters", Map.of());
        Set<String> queues = template.resourcesOfType("AWS::SQS::Queue").keySet();
        Map<String, String> env = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (name.equals("JAVA_TOOL_OPTIONS")) {
                return; // JVM flags: the caller puts them on the child's command line
            }
            if (value instanceof Map<?, ?> ref && ref.get("Ref") instanceof String id) {
                env.put(name, queues.contains(id) ? local.queueUrl(id)
                        : parameters.get(id) instanceof Map<?, ?> parameter ? String.valueOf(parameter.get("Default")) : id);
            } else if (!(value instanceof Map)) {
                env.put(name, String.valueOf(value));
            } // other intrinsics (!Sub, !GetAtt): names of AWS-only resources nothing local serves
        });
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("TZ", ":UTC");
        env.put("AWS_REGION", LocalAws.REGION.id());
        env.put("AWS_DEFAULT_REGION", LocalAws.REGION.id());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SESSION_TOKEN", "local");
        env.put("DYNAMODB_ENDPOINT", local.dynamoDbServer().endpoint().toString());
        env.put("SQS_ENDPOINT", local.sqsServer().endpoint().toString());
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Object function) {
        Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) function).getOrDefault("Environment", Map.of());
        return (Map<String, Object>) environment.getOrDefault("Variables", Map.of());
    }
}
