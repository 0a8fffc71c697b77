package io.outcall.bench.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;

/**
 * Requests to a handler in-process, as API Gateway would hand them over for the big tenant: timed after
 * a warm-up, each answer checked for a 200, what DynamoDB read counted per request.
 */
final class TimedRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TimedRequests() {
    }

    /** A request: handled in-process, checked for a 200 and its answer described. */
    interface Endpoint {
        ApiResponse handle(ApiRequest request);
    }

    /** Checks an answer against the seed (throwing if it does not match) and describes it. */
    interface Check {
        String describe(JsonNode body);
    }

    static Result time(String label, Endpoint endpoint, String path, Map<String, String> params, int warmUp, int timed,
                        ItemsReadCounter counter, Check check) throws IOException {
        for (int i = 0; i < warmUp; i++) {
            call(endpoint, path, params);
        }
        double[] ms = new double[timed];
        long minItems = Long.MAX_VALUE;
        long maxItems = 0;
        long requests = 0;
        ApiResponse last = null;
        for (int i = 0; i < timed; i++) {
            ApiRequest request = request(path, params, "timed-" + i);
            counter.reset();
            long start = System.nanoTime();
            ApiResponse response = endpoint.handle(request);
            ms[i] = (System.nanoTime() - start) / 1e6;
            requireOk(response, path, params);
            minItems = Math.min(minItems, counter.items.get());
            maxItems = Math.max(maxItems, counter.items.get());
            requests = Math.max(requests, counter.requests.get());
            last = response;
        }
        String answer = check.describe(JSON.readTree(last.body()));
        Arrays.sort(ms);
        Result result = new Result(label, params.toString(), timed, median(ms), ms[(int) Math.ceil(0.9 * ms.length) - 1],
                ms[0], ms[ms.length - 1], minItems, maxItems, requests, last.body().length(), answer);
        System.out.printf(Locale.ROOT, "  %-40s median %.1f ms, items read %s%n", label, result.medianMs(),
                minItems == maxItems ? Long.toString(minItems) : minItems + "-" + maxItems);
        return result;
    }

    static JsonNode call(Endpoint endpoint, String path, Map<String, String> params) throws IOException {
        ApiResponse response = endpoint.handle(request(path, params, "warm-up"));
        requireOk(response, path, params);
        return JSON.readTree(response.body());
    }

    private static ApiRequest request(String path, Map<String, String> params, String requestId) {
        return new ApiRequest("GET", path, Map.of(), Map.of(), new HashMap<>(params), Map.of("tenant_id", LogsApiBenchmark.BIG_TENANT),
                new byte[0], requestId);
    }

    private static void requireOk(ApiResponse response, String path, Map<String, String> params) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " " + params + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
