package io.outcall.localaws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;

/**
 * DynamoDB Local, ElasticMQ and s3proxy together, with template.yaml's tables, queues and buckets
 * created: what a test or the local runner needs in one object. In memory, the S3 server starts
 * on first use only, since most tests never touch S3.
 */
public final class LocalServices implements AutoCloseable {

    private final LocalDynamoDb dynamoDbServer;
    private final LocalSqs sqsServer;
    private final CloudFormationTemplate template;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final Map<String, String> queueUrls;
    private LocalS3 s3Server;
    private S3Client s3;
    private Map<String, String> bucketNames;

    private LocalServices(LocalDynamoDb dynamoDbServer, LocalSqs sqsServer, LocalS3 s3Server,
                          CloudFormationTemplate template) {
        this.dynamoDbServer = dynamoDbServer;
        this.sqsServer = sqsServer;
        this.template = template;
        this.dynamoDb = LocalAws.dynamoDb(dynamoDbServer.endpoint());
        this.sqs = LocalAws.sqs(sqsServer.endpoint());
        LocalAws.createTables(dynamoDb, template);
        this.queueUrls = LocalAws.createQueues(sqs, template);
        if (s3Server != null) {
            useS3(s3Server);
        }
    }

    /** In-memory DynamoDB Local and ElasticMQ on free ports (S3 on first use), provisioned from the nearest template.yaml. */
    public static LocalServices startInMemory() {
        return new LocalServices(LocalDynamoDb.startInMemory(), LocalSqs.start(), null,
                CloudFormationTemplate.findFromWorkingDirectory());
    }

    public static LocalServices start(LocalDynamoDb dynamoDbServer, LocalSqs sqsServer, CloudFormationTemplate template) {
        return new LocalServices(dynamoDbServer, sqsServer, null, template);
    }

    public static LocalServices start(LocalDynamoDb dynamoDbServer, LocalSqs sqsServer, LocalS3 s3Server,
                                      CloudFormationTemplate template) {
        return new LocalServices(dynamoDbServer, sqsServer, s3Server, template);
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

    /** A path-style client of the local S3 server, started (in memory) now if it was not. */
    public synchronized S3Client s3() {
        if (s3Server == null) {
            useS3(LocalS3.startInMemory());
        }
        return s3;
    }

    public synchronized LocalS3 s3Server() {
        s3();
        return s3Server;
    }

    /** Presigns against the local S3 server; the caller closes it. */
    public S3Presigner s3Presigner() {
        return LocalAws.s3Presigner(s3Server().endpoint());
    }

    /** URL of a queue by its logical id in template.yaml. */
    public String queueUrl(String logicalId) {
        String url = queueUrls.get(logicalId);
        if (url == null) {
            throw new IllegalArgumentException("template.yaml defines no queue " + logicalId + "; it has " + queueUrls.keySet());
        }
        return url;
    }

    /** Local name of a bucket by its logical id in template.yaml (the S3 server starts if it had not). */
    public synchronized String bucketName(String logicalId) {
        s3();
        String name = bucketNames.get(logicalId);
        if (name == null) {
            throw new IllegalArgumentException("template.yaml defines no bucket " + logicalId + "; it has " + bucketNames.keySet());
        }
        return name;
    }

    private void useS3(LocalS3 server) {
        this.s3Server = server;
        this.s3 = LocalAws.s3(server.endpoint());
        this.bucketNames = LocalAws.createBuckets(s3, template);
    }

    @Override
    public synchronized void close() {
        dynamoDb.close();
        sqs.close();
        if (s3Server != null) {
            s3.close();
            s3Server.close();
        }
        sqsServer.close();
        dynamoDbServer.close();
    }
}
