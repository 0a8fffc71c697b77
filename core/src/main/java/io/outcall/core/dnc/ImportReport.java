package io.outcall.core.dnc;

import java.util.List;

/**
 * What a CSV import did: numbers added, numbers that were on the list already (counted once, even
 * when a file repeats them), and every line refused, with its number and why.
 */
public record ImportReport(int lines, int added, int alreadyListed, List<Reject> rejected) {

    public ImportReport {
        rejected = List.copyOf(rejected);
    }

    /** @param line 1-based, as an editor shows it */
    public record Reject(int line, String value, String reason) {
    }
}
