package io.outcall.bench.cost;

import io.outcall.core.call.Call;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints what each outcome's calls cost, per call and in dollars per 1,000 calls. */
final class CostReport {

    private final Prices prices;
    private final int callsPerOutcome;

    CostReport(Prices prices, int callsPerOutcome) {
        this.prices = prices;
        this.callsPerOutcome = callsPerOutcome;
    }

    void print(List<CostBenchmark.OutcomeCost> outcomes, Tally background, CostBenchmark.OutcomeCost largest) {
        System.out.println();
        System.out.println("per call (mean of " + callsPerOutcome + "); USD per 1,000 calls at " + Prices.TAKEN + ":");
        System.out.printf(Locale.ROOT, "  %-18s %-22s %6s %6s %6s %6s %6s %6s %7s %7s  %9s %9s %9s %9s %9s%n",
                "outcome", "status / disposition", "WRU", "RRU", "items", "ddb rq", "sqs rq", "invoc", "fn ms", "item B",
                "DynamoDB", "SQS", "Lambda", "HTTP API", "total");
        for (CostBenchmark.OutcomeCost outcome : outcomes) {
            row(outcome.digit() + " " + outcome.name(), outcome);
        }
        System.out.println("  and, apart (the largest request a tenant may send):");
        row(largest.name(), largest);
        System.out.println();
        System.out.println("where it goes, per call (WRU of a table include its indexes, whose parts follow it):");
        List<CostBenchmark.OutcomeCost> all = new java.util.ArrayList<>(outcomes);
        all.add(largest);
        for (CostBenchmark.OutcomeCost outcome : all) {
            Tally call = outcome.call();
            System.out.printf(Locale.ROOT, "  %-18s WRU %s; items written %s; DynamoDB %s; SQS %s%n",
                    outcome == largest ? largest.name() : outcome.digit() + " " + outcome.name(),
                    breakdown(call, Tally.WRU_TABLE),
                    breakdown(call, Tally.ITEMS_WRITTEN), breakdown(call, Tally.DYNAMODB_REQUESTS),
                    breakdown(call, Tally.SQS_REQUESTS));
        }
        System.out.println();
        System.out.println("a reader's cost, per call read once (GET /calls/{callId} with its timeline; not in the figures above):");
        for (CostBenchmark.OutcomeCost outcome : outcomes) {
            Tally read = outcome.read();
            Prices.Cost cost = prices.of(read);
            System.out.printf(Locale.ROOT, "  %-18s RRU %s (%s), fn %s ms; USD per 1,000 reads %.5f%n",
                    outcome.digit() + " " + outcome.name(), perCall(read.get(Tally.RRU)), breakdown(read, Tally.RRU_TABLE),
                    perCall(read.get(Tally.LAMBDA_MS)), per1000(cost.total()));
        }
        System.out.println();
        System.out.println("not per call (the bridge's empty long polls, cancel polls, orphan query), whole run: "
                + background.snapshot().entrySet().stream().map(e -> e.getKey() + "=" + figure(e.getValue()))
                .collect(Collectors.joining(" ")));
        for (CostBenchmark.OutcomeCost outcome : outcomes) {
            Map<String, Double> computed = outcome.call().withPrefix(Tally.COMPUTED);
            Map<String, Double> failed = outcome.call().withPrefix("failed.");
            if (!computed.isEmpty() || !failed.isEmpty()) {
                System.out.println("  " + outcome.name() + ": responses without ConsumedCapacity " + computed
                        + ", failed requests " + failed);
            }
        }
        System.out.println("Lambda: MakeCallFunction at " + prices.lambdaMemoryMb() + " MB (template.yaml), arm64, the duration"
                + " measured in-process against DynamoDB Local (warm; AWS adds network and TLS, a cold start adds ~0.5-1 s)");
        CostBenchmark.OutcomeCost answered = outcomes.getFirst();
        System.out.printf(Locale.ROOT, "cost answered_wru=%s answered_usd_per_1000=%.4f%n",
                perCall(answered.call().get(Tally.WRU)), per1000(prices.of(answered.call()).total()));
    }

    private void row(String label, CostBenchmark.OutcomeCost outcome) {
        Call last = outcome.calls().getLast();
        Tally call = outcome.call();
        Prices.Cost cost = prices.of(call);
        System.out.printf(Locale.ROOT, "  %-18s %-22s %6s %6s %6s %6s %6s %6s %7s %7s  %9.5f %9.5f %9.5f %9.5f %9.5f%n",
                label, last.status() + " / " + last.disposition(),
                perCall(call.get(Tally.WRU)), perCall(call.get(Tally.RRU)), perCall(sum(call, Tally.ITEMS_WRITTEN)),
                perCall(sum(call, Tally.DYNAMODB_REQUESTS)), perCall(call.get(Tally.SQS_BILLED)),
                perCall(sum(call, Tally.INVOCATIONS)), perCall(call.get(Tally.LAMBDA_MS)),
                perCall(call.get(Tally.CALL_ITEM_BYTES)),
                per1000(cost.dynamoDb()), per1000(cost.sqs()), per1000(cost.lambda()), per1000(cost.apiGateway()),
                per1000(cost.total()));
    }

    private String perCall(double total) {
        return figure(total / callsPerOutcome);
    }

    private double per1000(double usdForAllCalls) {
        return usdForAllCalls / callsPerOutcome * 1000;
    }

    private static double sum(Tally tally, String prefix) {
        return tally.withPrefix(prefix).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private String breakdown(Tally tally, String prefix) {
        return tally.withPrefix(prefix).entrySet().stream().map(e -> e.getKey() + " " + perCall(e.getValue()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** Whole numbers without decimals, others with one. */
    private static String figure(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : String.format(Locale.ROOT, "%.1f", rounded);
    }
}
