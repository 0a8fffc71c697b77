package io.outcall.core.tenant;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Weighted random choice among a tenant's transfer numbers. */
public final class TransferPicker {

    private final RandomGenerator random;

    public TransferPicker(RandomGenerator random) {
        this.random = random;
    }

    public Optional<String> pick(List<TransferNumber> numbers) {
        int total = numbers.stream().mapToInt(TransferNumber::weight).sum();
        if (total == 0) {
            return Optional.empty();
        }
        int ticket = random.nextInt(total);
        for (TransferNumber number : numbers) {
            ticket -= number.weight();
            if (ticket < 0) {
                return Optional.of(number.number());
            }
        }
        throw new IllegalStateException("unreachable: weights sum to " + total);
    }
}
