package io.outcall.bridge;

import software.amazon.awssdk.services.sqs.SqsClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * The real SQS client with a test listening in: every operation goes to ElasticMQ as it is, and
 * its name is reported once it has returned, so a test can wait for what the bridge did to a queue.
 */
final class ObservedSqs {

    private ObservedSqs() {
    }

    /** @param done told the name of each operation (e.g. {@code deleteMessage}) after it returned or threw */
    static SqsClient of(SqsClient sqs, Consumer<String> done) {
        return (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(sqs, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        done.accept(method.getName());
                    }
                });
    }
}
