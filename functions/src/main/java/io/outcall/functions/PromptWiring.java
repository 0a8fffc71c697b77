package io.outcall.functions;

import io.outcall.core.aws.AwsClients;
import io.outcall.core.dynamo.DynamoPromptStore;
import io.outcall.core.json.Json;
import io.outcall.core.prompt.PromptAudio;
import io.outcall.core.prompt.PromptConversion;
import io.outcall.core.prompt.PromptStore;
import io.outcall.core.prompt.TenantPrompts;
import io.outcall.core.s3.S3PromptFiles;
import io.outcall.core.s3.S3UploadUrls;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.RequestLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Prompts: their records, the audio bucket (AUDIO_BUCKET; S3_ENDPOINT locally) and the presigner
 * that hands tenants their upload URLs; built once per execution environment or by tests.
 */
public record PromptWiring(Json json, PromptStore prompts, S3Client s3, S3Presigner presigner, String bucket,
                           ApiEvents api, Clock clock) {

    public static PromptWiring fromEnvironment() {
        AudioBucketAccess audio = AudioBucketAccess.fromEnvironment(System.getenv());
        FunctionConfig config = audio.config();
        AwsClients clients = audio.clients();
        String bucket = audio.bucket();
        Json json = Json.standard();
        return new PromptWiring(json, new DynamoPromptStore(clients.dynamoDb(), config.tenantsTable()), clients.s3(),
                clients.s3Presigner(), bucket, new ApiEvents(json, config.tenantClaim(), config.scopeClaim(),
                RequestLog.standardOutput(json)), Clock.systemUTC());
    }

    /** For tests: the tenant claim {@code tenant_id} and the scope claim {@code scope}, as the test events carry them. */
    public static PromptWiring of(String tenantsTable, DynamoDbClient dynamoDb, S3Client s3, S3Presigner presigner,
                                  String bucket, Clock clock) {
        Json json = Json.standard();
        return new PromptWiring(json, new DynamoPromptStore(dynamoDb, tenantsTable), s3, presigner, bucket,
                new ApiEvents(json, "tenant_id", ApiEvents.DEFAULT_SCOPE_CLAIM, RequestLog.standardOutput(json)), clock);
    }

    public PromptConversion conversion() {
        return new PromptConversion(prompts, new S3PromptFiles(s3, bucket), new PromptAudio(), clock);
    }

    public TenantPrompts tenantPrompts() {
        return new TenantPrompts(prompts, new S3PromptFiles(s3, bucket), new S3UploadUrls(presigner, bucket),
                new SecureRandom(), clock);
    }
}
