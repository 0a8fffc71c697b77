package io.outcall.bridge;

import io.outcall.bridge.originate.OriginateConsumer;
import io.outcall.bridge.prompts.PromptSync;
import io.outcall.bridge.prompts.SoundsFolderSync;
import io.outcall.bridge.dnc.BridgeDoNotCall;
import io.outcall.bridge.recordings.RecordingConfig;
import io.outcall.core.aws.AwsClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** Starts the bridge from environment variables and stops it gracefully on SIGTERM or Ctrl-C. */
public final class BridgeMain {

    private static final Logger log = LoggerFactory.getLogger(BridgeMain.class);

    private BridgeMain() {
    }

    /**
     * On a host, credentials come from the instance profile or the environment, hence the default
     * chain; SQS answers a long poll only when it ends, so its socket waits longer than the poll.
     */
    static AwsClients awsClients(BridgeConfig config, RecordingConfig recording) {
        return AwsClients.builder().region(config.region()).dynamoDbEndpoint(config.dynamoDbEndpoint())
                .s3Endpoint(recording.s3Endpoint())
                .sqsEndpoint(config.sqsEndpoint()).credentials(DefaultCredentialsProvider.builder().build())
                .sqsSocketTimeout(Duration.ofSeconds(OriginateConsumer.LONG_POLL_SECONDS + 10L)).build();
    }

    public static void main(String[] args) throws Exception {
        BridgeConfig config;
        RecordingConfig recording;
        PromptSync.Settings prompts;
        try {
            config = BridgeConfig.fromEnvironment(System.getenv());
            recording = RecordingConfig.fromEnvironment(System.getenv());
            prompts = PromptSync.Settings.fromEnvironment(System.getenv(), recording.bucket());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        AwsClients aws = awsClients(config, recording);
        Bridge bridge = Bridge.onDynamoDb(config, aws.dynamoDb(), aws.sqs(), 8, recording, aws.s3(),
                BridgeDoNotCall.tableFromEnvironment(System.getenv()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("bridge-shutdown").unstarted(() -> {
            log.info("stopping: no new calls, finishing the ones in flight");
            bridge.stop(config.drainTimeout());
            stopped.countDown();
        }));
        bridge.start();
        if (prompts != null) {
            new PromptSync(new SoundsFolderSync(aws.s3(), prompts.bucket(), prompts.soundsDir()), prompts.interval()).start();
            log.info("prompts: {}/outcall/<tenant>/<name>.wav kept in step with {} every {} s", prompts.soundsDir(),
                    prompts.bucket(), prompts.interval().toSeconds());
        } else {
            log.info("prompts: SOUNDS_DIR is not set; tenants' prompts are not copied to this host");
        }
        stopped.await();
    }
}
