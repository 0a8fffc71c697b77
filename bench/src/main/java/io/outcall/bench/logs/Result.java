package io.outcall.bench.logs;

import java.util.Locale;

/** One measurement's figures. */
record Result(String label, String query, int timed, double medianMs, double p90Ms, double minMs, double maxMs,
              long itemsRead, long itemsReadMax, long dynamoRequests, int answerBytes, String answer) {

    static final String HEADER = String.format(Locale.ROOT, "    %-40s %9s %9s %9s %9s %10s %8s %9s  %s",
            "", "median", "p90", "min", "max", "items read", "requests", "size", "answer");

    String describe() {
        String items = itemsRead == itemsReadMax ? Long.toString(itemsRead) : itemsRead + "-" + itemsReadMax;
        return String.format(Locale.ROOT, "    %-40s %6.1f ms %6.1f ms %6.1f ms %6.1f ms %10s %8d %,7d B  %s (n=%d)",
                label, medianMs, p90Ms, minMs, maxMs, items, dynamoRequests, answerBytes, answer, timed);
    }
}
