package io.outcall.bench.coldstart;

import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalServices;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What Lambda gives the function, pointed at the local stand-ins; nothing inherited from this shell. */
final class FunctionEnvironment {

    private FunctionEnvironment() {
    }

    static Map<String, String> of(LocalServices local, CloudFormationTemplate template) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "MakeCallFunction");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_REGION", LocalAws.REGION.id());
        env.put("AWS_DEFAULT_REGION", LocalAws.REGION.id());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SESSION_TOKEN", "local");
        env.putAll(functionVariables(local, template));
        env.put("DYNAMODB_ENDPOINT", local.dynamoDbServer().endpoint().toString());
        env.put("SQS_ENDPOINT", local.sqsServer().endpoint().toString());
        return env;
    }

    /**
     * The variables template.yaml's Globals give every function, resolved as local stand-ins are
     * named (tables and queues by logical id, parameters by their defaults), so the children start
     * with exactly what the deployed function gets. JAVA_TOOL_OPTIONS is left out: the children
     * get those flags on their command line.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> functionVariables(LocalServices local, CloudFormationTemplate template) {
        Map<String, Object> globals = (Map<String, Object>) template.root().get("Globals");
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                globals.get("Function")).get("Environment")).get("Variables");
        Map<String, Object> parameters = (Map<String, Object>) template.root().getOrDefault("Parameters", Map.of());
        Set<String> queues = template.resourcesOfType("AWS::SQS::Queue").keySet();
        Map<String, String> env = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (name.equals("JAVA_TOOL_OPTIONS")) {
                return;
            }
            if (value instanceof Map<?, ?> ref && ref.get("Ref") instanceof String logicalId) {
                if (queues.contains(logicalId)) {
                    env.put(name, local.queueUrl(logicalId));
                } else if (parameters.get(logicalId) instanceof Map<?, ?> parameter) {
                    env.put(name, String.valueOf(parameter.get("Default")));
                } else {
                    env.put(name, logicalId);
                }
            } else {
                env.put(name, String.valueOf(value));
            }
        });
        return env;
    }
}
