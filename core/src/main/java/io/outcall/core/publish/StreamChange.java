package io.outcall.core.publish;

import io.outcall.core.call.Call;

import java.time.Instant;

/**
 * One record of the calls table's stream: the call before and after one write.
 *
 * @param sequenceNumber the stream's position of the record, reported back when it failed
 * @param before         null for a new call
 * @param after          null for a removed call
 */
public record StreamChange(String sequenceNumber, Call before, Call after, Instant recordedAt) {
}
