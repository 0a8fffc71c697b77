package io.outcall.bridge;

import io.outcall.bridge.recordings.RecordingConfig;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outcall.bridge.originate.OriginateConsumer;
import io.outcall.localaws.LocalSqs;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.HashMap;
import java.util.Map;

/** The clients {@code java -jar ami-bridge.jar} builds, against ElasticMQ. */
class BridgeMainTest {

    /**
     * An empty long poll is answered only when the poll ends: with the SDK socket timeout at the
     * poll's length, every idle receive timed out, was retried four times, and /health reported
     * the queue unreachable for a bridge run as its own process.
     */
    @Test
    void aLongPollOnAQuietQueueIsAnsweredNotTimedOut() {
        try (LocalSqs sqs = LocalSqs.start()) {
            Map<String, String> env = new HashMap<>();
            env.put("AMI_HOST", "127.0.0.1");
            env.put("AMI_USER", "bridge");
            env.put("AMI_PASSWORD", "secret");
            env.put("AWS_REGION", "us-east-1");
            env.put("SQS_ENDPOINT", sqs.endpoint().toString());
            env.put("ORIGINATE_QUEUE_URL", sqs.endpoint() + "/000000000000/Quiet");
            BridgeConfig config = BridgeConfig.fromEnvironment(env);
            String previousKey = System.setProperty("aws.accessKeyId", "local");
            String previousSecret = System.setProperty("aws.secretAccessKey", "local");
            try (SqsClient client = BridgeMain.awsClients(config, RecordingConfig.fromEnvironment(env)).sqs()) {
                String queueUrl = client.createQueue(b -> b.queueName("Quiet")).queueUrl();
                assertTrue(client.receiveMessage(b -> b.queueUrl(queueUrl)
                        .waitTimeSeconds(OriginateConsumer.LONG_POLL_SECONDS)).messages().isEmpty());
            } finally {
                restore("aws.accessKeyId", previousKey);
                restore("aws.secretAccessKey", previousSecret);
            }
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
