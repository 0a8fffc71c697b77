package io.outcall.local;

import com.amazonaws.services.lambda.runtime.Context;
import io.outcall.bridge.BridgeConfig;
import io.outcall.core.dynamo.DynamoCallLogStore;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.localaws.CloudFormationTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * template.yaml and the code must agree: what deploys is what the code expects. Each check names
 * what to fix on either side.
 */
class TemplateConsistencyTest {

    /** Set by the Lambda runtime itself, never by a template. */
    private static final Set<String> LAMBDA_RUNTIME_VARIABLES = Set.of("AWS_REGION", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_FUNCTION_NAME");
    /**
     * Read only by local runs (./run-local, tests) to point at DynamoDB Local and ElasticMQ, and
     * MAKE_CALL_WARM_UP, which bench/cold-start sets to compare the make-call init without its warm-up.
     */
    private static final Set<String> LOCAL_ONLY_VARIABLES = Set.of("DYNAMODB_ENDPOINT", "SQS_ENDPOINT", "S3_ENDPOINT",
            "EVENTBRIDGE_ENDPOINT", "SFN_ENDPOINT", "MAKE_CALL_WARM_UP");
    /** How the functions' code reads a variable: FunctionConfig's helpers, Map lookups, System.getenv. */
    private static final Pattern VARIABLE_READ = Pattern.compile(
            "(?:required|uri|getOrDefault|getenv|get)\\(\\s*(?:env,\\s*)?\"([A-Z][A-Z0-9_]+)\"");

    private final CloudFormationTemplate template = CloudFormationTemplate.findFromWorkingDirectory();

    @Test
    void everyHandlerNamedInTheTemplateExistsAsTheRuntimeWillCallIt() throws Exception {
        Map<String, Map<String, Object>> functions = template.resourcesOfType("AWS::Serverless::Function");
        assertTrue(functions.size() >= 2, "the template defines the functions");
        for (var function : functions.entrySet()) {
            String handler = (String) function.getValue().get("Handler");
            String[] parts = handler.split("::");
            assertEquals(2, parts.length, function.getKey() + ": Handler must be class::method, was " + handler);
            Class<?> type;
            try {
                type = Class.forName(parts[0]);
            } catch (ClassNotFoundException e) {
                fail(function.getKey() + " names handler class " + parts[0] + ", which does not exist");
                return;
            }
            type.getConstructor();
            type.getMethod(parts[1], InputStream.class, OutputStream.class, Context.class);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableTheFunctionsReadIsSetByTheTemplate() {
        Set<String> set = new HashSet<>(((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                template.root().get("Globals")).get("Function")).get("Environment")).get("Variables")).keySet());
        // A variable only one function needs (a secret, say) is set on that function alone.
        template.resourcesOfType("AWS::Serverless::Function").values().forEach(function -> {
            if (function.get("Environment") instanceof Map<?, ?> environment
                    && environment.get("Variables") instanceof Map<?, ?> variables) {
                variables.keySet().forEach(name -> set.add((String) name));
            }
        });
        Set<String> read = variablesReadIn(repositoryRoot().resolve("functions/src/main/java"));
        read.addAll(variablesReadIn(repositoryRoot().resolve("core/src/main/java")));
        assertTrue(read.contains("CALLS_TABLE"), "the scan finds the variables the code reads: " + read);
        List<String> missing = new ArrayList<>();
        for (String variable : read) {
            if (!set.contains(variable) && !LAMBDA_RUNTIME_VARIABLES.contains(variable)
                    && !LOCAL_ONLY_VARIABLES.contains(variable)) {
                missing.add(variable);
            }
        }
        assertEquals(List.of(), missing, "the functions read these, but template.yaml's Globals do not set them");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTableIndexAndQueueTheCodeUsesIsDefined() {
        Set<String> resources = ((Map<String, Object>) template.root().get("Resources")).keySet();
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                template.root().get("Globals")).get("Function")).get("Environment")).get("Variables");
        variables.forEach((name, value) -> {
            if (value instanceof Map<?, ?> ref && ref.get("Ref") instanceof String logicalId && !logicalId.startsWith("AWS::")) {
                assertTrue(resources.contains(logicalId) || ((Map<String, Object>) template.root().get("Parameters"))
                        .containsKey(logicalId), name + " refers to " + logicalId + ", which the template does not define");
            }
        });
        // The bridge's default table names, used by ./run-local and the systemd example, must be the
        // template's logical ids; so must the local stand-ins' names of the functions' tables.
        BridgeConfig bridgeDefaults = BridgeConfig.fromEnvironment(Map.of("AMI_HOST", "127.0.0.1", "AMI_USER", "bridge",
                "AMI_PASSWORD", "secret", "ORIGINATE_QUEUE_URL", "http://127.0.0.1:9324/000000000000/OriginateQueue",
                "AWS_REGION", "us-east-1"));
        for (String table : List.of(bridgeDefaults.callsTable(), bridgeDefaults.callEventsTable(),
                bridgeDefaults.callStatsTable(), "TenantsTable", "IdempotencyTable")) {
            assertTrue(template.resourcesOfType("AWS::DynamoDB::Table").containsKey(table), table + " is not defined");
        }
        assertTrue(template.resourcesOfType("AWS::SQS::Queue").containsKey("OriginateQueue"));
        List<Map<String, Object>> indexes = (List<Map<String, Object>>) template.resourcesOfType("AWS::DynamoDB::Table")
                .get("CallsTable").get("GlobalSecondaryIndexes");
        Set<String> indexNames = new HashSet<>();
        indexes.forEach(i -> indexNames.add((String) i.get("IndexName")));
        List<String> used = new ArrayList<>(DynamoCallLogStore.INDEXES);
        used.add(DynamoCallStore.BY_BRIDGE_INDEX);
        used.add(DynamoCallStore.BY_CANCEL_INDEX);
        used.add(DynamoCallStore.BY_QUEUED_INDEX);
        for (String index : used) {
            assertTrue(indexNames.contains(index), "the code queries index " + index + " of CallsTable, which is not defined");
        }
    }

    private static Set<String> variablesReadIn(Path sources) {
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = VARIABLE_READ.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static Path repositoryRoot() {
        return CloudFormationTemplate.findFromWorkingDirectory().file().toAbsolutePath().getParent();
    }
}
