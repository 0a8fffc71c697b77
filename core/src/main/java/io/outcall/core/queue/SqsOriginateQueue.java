package io.outcall.core.queue;

import software.amazon.awssdk.services.sqs.SqsClient;

public final class SqsOriginateQueue implements OriginateQueue {

    private final SqsClient sqs;
    private final String queueUrl;
    private final OriginateMessageCodec codec;

    public SqsOriginateQueue(SqsClient sqs, String queueUrl, OriginateMessageCodec codec) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.codec = codec;
    }

    @Override
    public void send(OriginateMessage message) {
        String body = codec.encode(message);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }
}
