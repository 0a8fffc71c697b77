package io.outcall.bench.soak;

import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TransferNumber;
import io.outcall.localaws.LocalServices;
import io.outcall.pbxsim.PbxSimulator;
import io.outcall.pbxsim.SimulatorConfig;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything but the bridge, in the soak's own JVM on free ports (so it runs beside a ./run-local):
 * DynamoDB Local and ElasticMQ with template.yaml's tables and queues, and the PBX simulator, hosted
 * here so the soak can read its Originate ledger and gate Originates at the moment it kills.
 */
final class SoakStack implements AutoCloseable {

    static final String TENANT = "soak";
    static final String CALLS_TABLE = "CallsTable";
    static final String CALL_EVENTS_TABLE = "CallEventsTable";
    static final String CALL_STATS_TABLE = "CallStatsTable";

    final LocalServices aws;
    final PbxSimulator simulator;
    final String queueUrl;

    private SoakStack(LocalServices aws, PbxSimulator simulator, String queueUrl) {
        this.aws = aws;
        this.simulator = simulator;
        this.queueUrl = queueUrl;
    }

    static SoakStack start(int visibilitySeconds) throws IOException {
        LocalServices aws = LocalServices.startInMemory();
        String queueUrl = aws.queueUrl("OriginateQueue");
        aws.sqs().setQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds))));
        PbxSimulator simulator = PbxSimulator.start(SimulatorConfig.builder().port(0).build());
        DynamoTenantStore tenants = new DynamoTenantStore(aws.dynamoDb(), "TenantsTable");
        tenants.put(new Tenant(TENANT, "Soak Ltd", "US", List.of("DynamicIVR"), "DynamicIVR",
                List.of(new TransferNumber("+14045550199", 1))));
        tenants.put(new Did(TENANT, "did-soak", "+14045550100", "Soak", true, null, 0));
        return new SoakStack(aws, simulator, queueUrl);
    }

    /** What a bridge process needs to run against this stack: what ./run-local --no-bridge prints. */
    Map<String, String> bridgeEnvironment(String bridgeId, int healthPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("ORIGINATE_QUEUE_URL", queueUrl);
        env.put("DYNAMODB_ENDPOINT", aws.dynamoDbServer().endpoint().toString());
        env.put("SQS_ENDPOINT", aws.sqsServer().endpoint().toString());
        env.put("CALLS_TABLE", CALLS_TABLE);
        env.put("CALL_EVENTS_TABLE", CALL_EVENTS_TABLE);
        env.put("CALL_STATS_TABLE", CALL_STATS_TABLE);
        env.put("AMI_HOST", "127.0.0.1");
        env.put("AMI_PORT", Integer.toString(simulator.port()));
        env.put("AMI_USER", simulator.config().username());
        env.put("AMI_PASSWORD", simulator.config().secret());
        env.put("BRIDGE_ID", bridgeId);
        env.put("HEALTH_PORT", Integer.toString(healthPort));
        env.put("LOG_LEVEL", "INFO");
        return env;
    }

    @Override
    public void close() {
        simulator.close();
        aws.close();
    }
}
