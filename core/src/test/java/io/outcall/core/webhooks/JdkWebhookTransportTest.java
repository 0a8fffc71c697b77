package io.outcall.core.webhooks;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JdkWebhookTransportTest {

    @Test
    void readsAtMostFourKilobytesOfAnAnswer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] big = new byte[1 << 20];
            java.util.Arrays.fill(big, (byte) 'x');
            exchange.sendResponseHeaders(200, big.length);
            exchange.getResponseBody().write(big);
            exchange.close();
        });
        server.start();
        try {
            WebhookTransport.Response response = new JdkWebhookTransport().post(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), Map.of(), "{}",
                    Duration.ofSeconds(10));
            assertEquals(200, response.statusCode());
            assertEquals(JdkWebhookTransport.MAX_ANSWER_BYTES, response.bodyStart().length());
        } finally {
            server.stop(0);
        }
    }
}
