package io.outcall.functions.testing;

import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.LocalAws;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;

/**
 * LocalStack (DynamoDB with its streams, and SQS) through Testcontainers, with template.yaml's
 * tables and queues: what the LocalStack twins of the scenario suites run on. Needs a Docker engine.
 *
 * @param queueUrls logical id in template.yaml to queue URL
 */
public record LocalStackBackends(LocalStackContainer container, DynamoDbClient dynamoDb,
                                 DynamoDbStreamsClient dynamoDbStreams, SqsClient sqs,
                                 Map<String, String> queueUrls) implements AutoCloseable {

    public static LocalStackBackends start() {
        // Kinesis too: LocalStack's DynamoDB Streams may be carried by its Kinesis internally.
        LocalStackContainer localStack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
                .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.DYNAMODB_STREAMS,
                        LocalStackContainer.Service.KINESIS, LocalStackContainer.Service.SQS);
        localStack.start();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(localStack.getAccessKey(), localStack.getSecretKey()));
        Region region = Region.of(localStack.getRegion());
        DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(localStack.getEndpoint())
                .region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(localStack.getEndpoint())
                .region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        SqsClient sqs = SqsClient.builder().endpointOverride(localStack.getEndpoint())
                .region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        CloudFormationTemplate template = CloudFormationTemplate.findFromWorkingDirectory();
        LocalAws.createTables(dynamoDb, template);
        return new LocalStackBackends(localStack, dynamoDb, streams, sqs, Map.copyOf(LocalAws.createQueues(sqs, template)));
    }

    public String originateQueueUrl() {
        return queueUrls.get("OriginateQueue");
    }

    @Override
    public void close() {
        dynamoDb.close();
        dynamoDbStreams.close();
        sqs.close();
        container.stop();
    }
}
