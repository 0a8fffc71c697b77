package io.outcall.functions.calllog;

import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The same read-side scenarios on LocalStack through Testcontainers. Needs a Docker engine; where
 * there is none the class is skipped, and CallLogApiOnLocalServicesTest covers the scenarios.
 */
@Testcontainers(disabledWithoutDocker = true)
class CallLogApiOnLocalStackTest extends CallLogApiScenarios {

    private static LocalStackContainer localStack;

    @BeforeAll
    static void start() {
        localStack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
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
        seed(dynamoDb, queueUrl);
    }

    @AfterAll
    static void stop() {
        if (localStack != null) {
            localStack.stop();
        }
    }
}
