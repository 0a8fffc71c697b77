package io.outcall.functions.calllog;

import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The read-side scenarios on Amazon DynamoDB Local and ElasticMQ, both inside this JVM. */
class CallLogApiOnLocalServicesTest extends CallLogApiScenarios {

    private static LocalServices local;

    @BeforeAll
    static void start() {
        local = LocalServices.startInMemory();
        seed(local.dynamoDb(), local.queueUrl("OriginateQueue"));
    }

    @AfterAll
    static void stop() {
        local.close();
    }
}
