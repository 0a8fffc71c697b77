package io.outcall.core.tenant;

/** A transfer destination (E.164) and its share of the traffic relative to the others. */
public record TransferNumber(String number, int weight) {
    public TransferNumber {
        if (weight < 1) {
            throw new IllegalArgumentException("transfer number weight must be at least 1, was " + weight);
        }
    }
}
