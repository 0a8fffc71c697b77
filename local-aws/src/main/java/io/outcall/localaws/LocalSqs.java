package io.outcall.localaws;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import java.net.URI;

/** ElasticMQ, an SQS-compatible server, started inside this JVM on a loopback port. */
public final class LocalSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;

    private LocalSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static LocalSqs start() {
        return start(Ports.free());
    }

    public static LocalSqs start(int port) {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withAWSRegion(LocalAws.REGION.id())
                .withAWSAccountId(LocalAws.ACCOUNT_ID)
                .start();
        server.waitUntilStarted();
        return new LocalSqs(server, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
