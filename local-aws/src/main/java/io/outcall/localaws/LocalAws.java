package io.outcall.localaws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the tables, queues and buckets of template.yaml on local stand-ins and hands out SDK clients for
 * them. Locally, a resource's name is its logical id (CallsTable, OriginateQueue, ...), since
 * there is no stack to prefix it.
 */
public final class LocalAws {

    public static final Region REGION = Region.US_EAST_1;
    public static final String ACCOUNT_ID = "000000000000";
    /** The throwaway credentials every local stand-in accepts (./run-local exports them too). */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));

    private LocalAws() {
    }

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * Path-style: the local server has no per-bucket host names. Checksums only where S3 requires
     * them: s3proxy does not read the aws-chunked trailers the SDK sends by default.
     */
    public static S3Client s3(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    public static S3Presigner s3Presigner(URI endpoint) {
        return S3Presigner.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    /**
     * A bucket's local name: its logical id in lower case (S3 names allow no capitals). On AWS the
     * template names it from the stack and account instead.
     */
    public static String bucketName(String logicalId) {
        return logicalId.toLowerCase(java.util.Locale.ROOT);
    }

    /** Creates every AWS::S3::Bucket of the template under {@link #bucketName}; returns logical id to name. */
    public static Map<String, String> createBuckets(S3Client s3, CloudFormationTemplate template) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String logicalId : template.resourcesOfType("AWS::S3::Bucket").keySet()) {
            String name = bucketName(logicalId);
            try {
                s3.createBucket(b -> b.bucket(name));
            } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException keptFromAnEarlierRun) {
                // A local folder keeps its buckets between runs.
            }
            names.put(logicalId, name);
        }
        return names;
    }

    public static DynamoDbStreamsClient dynamoDbStreams(URI endpoint) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates every AWS::DynamoDB::Table of the template; existing ones are left as they are. */
    @SuppressWarnings("unchecked")
    public static List<String> createTables(DynamoDbClient dynamoDb, CloudFormationTemplate template) {
        Map<String, Map<String, Object>> tables = template.resourcesOfType("AWS::DynamoDB::Table");
        tables.forEach((name, props) -> {
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(((List<Map<String, Object>>) props.get("AttributeDefinitions")).stream()
                            .map(a -> AttributeDefinition.builder().attributeName((String) a.get("AttributeName"))
                                    .attributeType((String) a.get("AttributeType")).build())
                            .toList())
                    .keySchema(keySchema((List<Map<String, Object>>) props.get("KeySchema")));
            if (props.get("StreamSpecification") instanceof Map<?, ?> stream) {
                // DynamoDB Local keeps a stream like DynamoDB's; ./run-local and the tests read it.
                request.streamSpecification(s -> s.streamEnabled(true)
                        .streamViewType((String) stream.get("StreamViewType")));
            }
            List<Map<String, Object>> indexes = (List<Map<String, Object>>) props.get("GlobalSecondaryIndexes");
            if (indexes != null) {
                request.globalSecondaryIndexes(indexes.stream().map(i -> GlobalSecondaryIndex.builder()
                        .indexName((String) i.get("IndexName"))
                        .keySchema(keySchema((List<Map<String, Object>>) i.get("KeySchema")))
                        .projection(projection((Map<String, Object>) i.get("Projection")))
                        .build()).toList());
            }
            try {
                dynamoDb.createTable(request.build());
            } catch (ResourceInUseException alreadyThere) {
                // A persistent local database keeps its tables between runs; it gets the indexes
                // the template gained since, so an older .local folder keeps working.
                addMissingIndexes(dynamoDb, name, request.build());
                addMissingStream(dynamoDb, name, request.build());
            }
        });
        return List.copyOf(tables.keySet());
    }

    /** KEYS_ONLY, ALL, or INCLUDE with its NonKeyAttributes. */
    @SuppressWarnings("unchecked")
    private static Projection projection(Map<String, Object> projection) {
        Projection.Builder built = Projection.builder().projectionType((String) projection.get("ProjectionType"));
        if (projection.get("NonKeyAttributes") instanceof List<?> included) {
            built.nonKeyAttributes((List<String>) included);
        }
        return built.build();
    }

    private static void addMissingIndexes(DynamoDbClient dynamoDb, String table, CreateTableRequest wanted) {
        if (!wanted.hasGlobalSecondaryIndexes()) {
            return;
        }
        var existing = dynamoDb.describeTable(b -> b.tableName(table)).table();
        java.util.Set<String> present = new java.util.HashSet<>();
        if (existing.hasGlobalSecondaryIndexes()) {
            existing.globalSecondaryIndexes().forEach(i -> present.add(i.indexName()));
        }
        for (GlobalSecondaryIndex index : wanted.globalSecondaryIndexes()) {
            if (present.contains(index.indexName())) {
                continue;
            }
            dynamoDb.updateTable(b -> b.tableName(table)
                    .attributeDefinitions(wanted.attributeDefinitions())
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName())
                            .keySchema(index.keySchema()).projection(index.projection()))));
            awaitActive(dynamoDb, table, index.indexName());
        }
    }

    private static void addMissingStream(DynamoDbClient dynamoDb, String table, CreateTableRequest wanted) {
        if (wanted.streamSpecification() == null) {
            return;
        }
        var existing = dynamoDb.describeTable(b -> b.tableName(table)).table().streamSpecification();
        if (existing == null || !Boolean.TRUE.equals(existing.streamEnabled())) {
            dynamoDb.updateTable(b -> b.tableName(table).streamSpecification(wanted.streamSpecification()));
        }
    }

    /** DynamoDB builds one new index of a table at a time: the next waits for this one. */
    private static void awaitActive(DynamoDbClient dynamoDb, String table, String indexName) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            boolean active = dynamoDb.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
                    .anyMatch(i -> i.indexName().equals(indexName) && "ACTIVE".equals(i.indexStatusAsString()));
            if (active) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while index " + indexName + " of " + table + " was built", e);
            }
        }
        throw new IllegalStateException("index " + indexName + " of " + table + " was not ACTIVE after 2 minutes");
    }

    /**
     * Creates every AWS::SQS::Queue of the template, dead-letter queues first so a redrive policy
     * can name them. Returns logical id to queue URL.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> createQueues(SqsClient sqs, CloudFormationTemplate template) {
        Map<String, Map<String, Object>> queues = template.resourcesOfType("AWS::SQS::Queue");
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, String> arns = new LinkedHashMap<>();
        List<String> ordered = queues.keySet().stream()
                .sorted((a, b) -> Boolean.compare(queues.get(a).containsKey("RedrivePolicy"),
                        queues.get(b).containsKey("RedrivePolicy")))
                .toList();
        for (String name : ordered) {
            Map<String, Object> props = queues.get(name);
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            if (props.get("VisibilityTimeout") != null) {
                attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, props.get("VisibilityTimeout").toString());
            }
            Map<String, Object> redrive = (Map<String, Object>) props.get("RedrivePolicy");
            if (redrive != null) {
                String target = getAttTarget(redrive.get("deadLetterTargetArn"));
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + arns.get(target)
                        + "\",\"maxReceiveCount\":\"" + redrive.get("maxReceiveCount") + "\"}");
            }
            String url = sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
            urls.put(name, url);
            arns.put(name, sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN));
        }
        return urls;
    }

    private static String getAttTarget(Object getAtt) {
        if (getAtt instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof String ref) {
            return ref.substring(0, ref.indexOf('.'));
        }
        throw new IllegalArgumentException("deadLetterTargetArn must be !GetAtt <Queue>.Arn, was " + getAtt);
    }

    private static List<KeySchemaElement> keySchema(List<Map<String, Object>> elements) {
        return elements.stream().map(k -> KeySchemaElement.builder().attributeName((String) k.get("AttributeName"))
                .keyType((String) k.get("KeyType")).build()).toList();
    }
}
