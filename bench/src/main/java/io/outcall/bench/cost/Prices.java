package io.outcall.bench.cost;

/**
 * US-East (N. Virginia, us-east-1) on-demand list prices, in US dollars. ASSUMPTIONS: taken from
 * AWS pricing pages as published after DynamoDB's on-demand price cut of 2024-11-01 (this run does
 * not fetch them), without free tiers, volume tiers, storage, data transfer or CloudWatch. Check
 * them before quoting a bill.
 */
record Prices(double dynamoDbPerMillionWru, double dynamoDbPerMillionRru, double sqsPerMillionRequests,
              double lambdaPerMillionRequests, double lambdaPerGbSecond, double httpApiPerMillionRequests,
              int lambdaMemoryMb) {

    static final String TAKEN = "AWS list prices for us-east-1 as published after 2024-11-01 (not fetched by this run)";

    /** DynamoDB on-demand: $0.625 per million write request units (1 per KB written, 2 in a transaction). */
    static final double DYNAMODB_WRU = 0.625;
    /** DynamoDB on-demand: $0.125 per million read request units (1 per 4 KB strongly consistent). */
    static final double DYNAMODB_RRU = 0.125;
    /** SQS standard queue: $0.40 per million requests, each 64 KB chunk of a payload one request. */
    static final double SQS_REQUEST = 0.40;
    /** Lambda: $0.20 per million requests. */
    static final double LAMBDA_REQUEST = 0.20;
    /** Lambda on arm64 (template.yaml's Architectures): $0.0000133334 per GB-second, billed per 1 ms. */
    static final double LAMBDA_ARM64_GB_SECOND = 0.0000133334;
    /** API Gateway HTTP API: $1.00 per million requests (the first 300 million a month). */
    static final double HTTP_API_REQUEST = 1.00;
    /** template.yaml's Globals MemorySize. */
    static final int TEMPLATE_MEMORY_MB = 1024;

    static Prices usEast1() {
        return new Prices(DYNAMODB_WRU, DYNAMODB_RRU, SQS_REQUEST, LAMBDA_REQUEST, LAMBDA_ARM64_GB_SECOND,
                HTTP_API_REQUEST, TEMPLATE_MEMORY_MB);
    }

    /** What one unit of work costs, split by service. */
    Cost of(Tally tally) {
        double dynamoDb = tally.get(Tally.WRU) * dynamoDbPerMillionWru / 1e6 + tally.get(Tally.RRU) * dynamoDbPerMillionRru / 1e6;
        double sqs = tally.get(Tally.SQS_BILLED) * sqsPerMillionRequests / 1e6;
        double invocations = tally.withPrefix(Tally.INVOCATIONS).values().stream().mapToDouble(Double::doubleValue).sum();
        double gbSeconds = tally.get(Tally.LAMBDA_MS) / 1000.0 * lambdaMemoryMb / 1024.0;
        double lambda = invocations * lambdaPerMillionRequests / 1e6 + gbSeconds * lambdaPerGbSecond;
        double api = tally.get(Tally.API_REQUESTS) * httpApiPerMillionRequests / 1e6;
        return new Cost(dynamoDb, sqs, lambda, api);
    }

    record Cost(double dynamoDb, double sqs, double lambda, double apiGateway) {
        double total() {
            return dynamoDb + sqs + lambda + apiGateway;
        }
    }
}
