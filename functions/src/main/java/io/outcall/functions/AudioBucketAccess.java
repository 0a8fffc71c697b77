package io.outcall.functions;

import io.outcall.core.aws.AwsClients;

import java.net.URI;
import java.util.Map;

/**
 * The audio bucket from a function's environment: its name (AUDIO_BUCKET, which template.yaml
 * sets for every function) and the SDK clients with S3's endpoint (S3_ENDPOINT, locally).
 */
public record AudioBucketAccess(FunctionConfig config, String bucket, AwsClients clients) {

    public static AudioBucketAccess fromEnvironment(Map<String, String> env) {
        FunctionConfig config = FunctionConfig.fromEnvironment(env);
        String bucket = env.get("AUDIO_BUCKET");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("missing environment variable AUDIO_BUCKET; template.yaml sets it for every function");
        }
        String endpoint = env.get("S3_ENDPOINT");
        AwsClients clients = AwsClients.builder().region(config.region()).dynamoDbEndpoint(config.dynamoDbEndpoint())
                .s3Endpoint(endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint)).build();
        return new AudioBucketAccess(config, bucket, clients);
    }
}
