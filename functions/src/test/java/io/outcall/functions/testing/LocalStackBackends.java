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
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * LocalStack (DynamoDB and SQS) through Testcontainers, with template.yaml's tables and queues:
 * what the LocalStack twins of the scenario suites run on. Needs a Docker engine.
 */
public record LocalStackBackends(LocalStackContainer container, DynamoDbClient dynamoDb, SqsClient sqs,
                                 String originateQueueUrl) implements AutoCloseable {

    public static LocalStackBackends start() {
        LocalStackContainer localStack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
                .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS);
        localStack.start();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(localStack.getAccessKey(), localStack.getSecretKey()));
        DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(localStack.getEndpoint())
                .region(Region.of(localStack.getRegion())).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        SqsClient sqs = SqsClient.builder().endpointOverride(localStack.getEndpoint())
                .region(Region.of(localStack.getRegion())).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        CloudFormationTemplate template = CloudFormationTemplate.findFromWorkingDirectory();
        LocalAws.createTables(dynamoDb, template);
        String queueUrl = LocalAws.createQueues(sqs, template).get("OriginateQueue");
        return new LocalStackBackends(localStack, dynamoDb, sqs, queueUrl);
    }

    @Override
    public void close() {
        container.stop();
    }
}
