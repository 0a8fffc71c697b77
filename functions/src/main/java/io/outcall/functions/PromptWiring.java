package io.outcall.functions;

import io.outcall.core.aws.AwsClients;
import io.outcall.core.dynamo.DynamoPromptStore;
import io.outcall.core.json.Json;
import io.outcall.core.prompt.PromptAudio;
import io.outcall.core.prompt.PromptConversion;
import io.outcall.core.prompt.PromptStore;
import io.outcall.core.s3.S3PromptFiles;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * Prompts: their records, the audio bucket (AUDIO_BUCKET; S3_ENDPOINT locally) and the presigner
 * that hands tenants their upload URLs; built once per execution environment or by tests.
 */
public record PromptWiring(Json json, PromptStore prompts, S3Client s3, S3Presigner presigner, String bucket,
                           Clock clock) {

    public static PromptWiring fromEnvironment() {
        Map<String, String> env = System.getenv();
        FunctionConfig config = FunctionConfig.fromEnvironment(env);
        String bucket = env.get("AUDIO_BUCKET");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("missing environment variable AUDIO_BUCKET; template.yaml sets it for every function");
        }
        String endpoint = env.get("S3_ENDPOINT");
        AwsClients clients = AwsClients.builder().region(config.region()).dynamoDbEndpoint(config.dynamoDbEndpoint())
                .s3Endpoint(endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint)).build();
        return of(config.tenantsTable(), clients.dynamoDb(), clients.s3(), clients.s3Presigner(), bucket, Clock.systemUTC());
    }

    public static PromptWiring of(String tenantsTable, DynamoDbClient dynamoDb, S3Client s3, S3Presigner presigner,
                                  String bucket, Clock clock) {
        return new PromptWiring(Json.standard(), new DynamoPromptStore(dynamoDb, tenantsTable), s3, presigner, bucket, clock);
    }

    public PromptConversion conversion() {
        return new PromptConversion(prompts, new S3PromptFiles(s3, bucket), new PromptAudio(), clock);
    }
}
