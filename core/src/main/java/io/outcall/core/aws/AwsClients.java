package io.outcall.core.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds the SDK clients once, with everything explicit: region, credentials provider and the one
 * HTTP client on the class path. Nothing is discovered at start-up, which is what keeps a Lambda
 * cold start short.
 */
public final class AwsClients {

    private final Region region;
    private final URI dynamoDbEndpoint;
    private final URI sqsEndpoint;
    private final URI s3Endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final SdkHttpClient sqsHttp;

    private AwsClients(Builder builder) {
        this.region = Objects.requireNonNull(builder.region, "region");
        this.dynamoDbEndpoint = builder.dynamoDbEndpoint;
        this.sqsEndpoint = builder.sqsEndpoint;
        this.s3Endpoint = builder.s3Endpoint;
        this.credentials = builder.credentials != null ? builder.credentials
                : EnvironmentVariableCredentialsProvider.create();
        this.http = httpClient(DEFAULT_SOCKET_TIMEOUT);
        this.sqsHttp = builder.sqsSocketTimeout.equals(DEFAULT_SOCKET_TIMEOUT) ? http
                : httpClient(builder.sqsSocketTimeout);
    }

    private static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(5);

    private static SdkHttpClient httpClient(Duration socketTimeout) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(socketTimeout)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public DynamoDbClient dynamoDb() {
        var builder = DynamoDbClient.builder().region(region).credentialsProvider(credentials).httpClient(http);
        if (dynamoDbEndpoint != null) {
            builder.endpointOverride(dynamoDbEndpoint);
        }
        return builder.build();
    }

    public SqsClient sqs() {
        var builder = SqsClient.builder().region(region).credentialsProvider(credentials).httpClient(sqsHttp);
        if (sqsEndpoint != null) {
            builder.endpointOverride(sqsEndpoint);
        }
        return builder.build();
    }

    /**
     * Checksums only where S3 requires them (the SDK's default adds aws-chunked trailers, which the
     * local s3proxy does not read); path-style when the endpoint is overridden, since a local server
     * has no per-bucket host names.
     */
    public S3Client s3() {
        var builder = S3Client.builder().region(region).credentialsProvider(credentials).httpClient(http)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (s3Endpoint != null) {
            builder.endpointOverride(s3Endpoint).forcePathStyle(true);
        }
        return builder.build();
    }

    /** Signs presigned S3 URLs with this environment's credentials (a URL carries its signer's rights). */
    public S3Presigner s3Presigner() {
        var builder = S3Presigner.builder().region(region).credentialsProvider(credentials);
        if (s3Endpoint != null) {
            builder.endpointOverride(s3Endpoint)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return builder.build();
    }

    public static final class Builder {
        private Region region;
        private URI dynamoDbEndpoint;
        private URI sqsEndpoint;
        private URI s3Endpoint;
        private AwsCredentialsProvider credentials;
        private Duration sqsSocketTimeout = DEFAULT_SOCKET_TIMEOUT;

        public Builder region(Region region) {
            this.region = region;
            return this;
        }

        /** Overrides DynamoDB's endpoint, e.g. for DynamoDB Local; null keeps AWS's. */
        public Builder dynamoDbEndpoint(URI endpoint) {
            this.dynamoDbEndpoint = endpoint;
            return this;
        }

        /** Overrides SQS's endpoint, e.g. for ElasticMQ; null keeps AWS's. */
        public Builder sqsEndpoint(URI endpoint) {
            this.sqsEndpoint = endpoint;
            return this;
        }

        /** Overrides S3's endpoint, e.g. for the local s3proxy (then path-style); null keeps AWS's. */
        public Builder s3Endpoint(URI endpoint) {
            this.s3Endpoint = endpoint;
            return this;
        }

        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /**
         * How long an SQS answer may take (default 5 s, like DynamoDB's). A consumer that long-polls
         * must allow more than its wait, or every receive on a quiet queue times out and is retried.
         */
        public Builder sqsSocketTimeout(Duration timeout) {
            this.sqsSocketTimeout = Objects.requireNonNull(timeout, "sqsSocketTimeout");
            return this;
        }

        public AwsClients build() {
            return new AwsClients(this);
        }
    }
}
