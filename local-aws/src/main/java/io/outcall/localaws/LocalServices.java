package io.outcall.localaws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;

/**
 * DynamoDB Local and ElasticMQ together, with template.yaml's tables and queues created: what a
 * test or the local runner needs in one object.
 */
public final class LocalServices implements AutoCloseable {

    private final LocalDynamoDb dynamoDbServer;
    private final LocalSqs sqsServer;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final Map<String, String> queueUrls;

    private LocalServices(LocalDynamoDb dynamoDbServer, LocalSqs sqsServer, CloudFormationTemplate template) {
        this.dynamoDbServer = dynamoDbServer;
        this.sqsServer = sqsServer;
        this.dynamoDb = LocalAws.dynamoDb(dynamoDbServer.endpoint());
        this.sqs = LocalAws.sqs(sqsServer.endpoint());
        LocalAws.createTables(dynamoDb, template);
        this.queueUrls = LocalAws.createQueues(sqs, template);
    }

    /** In-memory DynamoDB Local and ElasticMQ on free ports, provisioned from the nearest template.yaml. */
    public static LocalServices startInMemory() {
        return new LocalServices(LocalDynamoDb.startInMemory(), LocalSqs.start(),
                CloudFormationTemplate.findFromWorkingDirectory());
    }

    public static LocalServices start(LocalDynamoDb dynamoDbServer, LocalSqs sqsServer, CloudFormationTemplate template) {
        return new LocalServices(dynamoDbServer, sqsServer, template);
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public LocalDynamoDb dynamoDbServer() {
        return dynamoDbServer;
    }

    public LocalSqs sqsServer() {
        return sqsServer;
    }

    /** URL of a queue by its logical id in template.yaml. */
    public String queueUrl(String logicalId) {
        String url = queueUrls.get(logicalId);
        if (url == null) {
            throw new IllegalArgumentException("template.yaml defines no queue " + logicalId + "; it has " + queueUrls.keySet());
        }
        return url;
    }

    @Override
    public void close() {
        dynamoDb.close();
        sqs.close();
        sqsServer.close();
        dynamoDbServer.close();
    }
}
