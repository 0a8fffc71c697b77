package io.outcall.local;

/**
 * The ports of the services behind the front. ./run-local takes the {@link #FIXED} ones its
 * environment and README name; a test stack takes free ones so it runs beside anything else.
 */
record StackPorts(int dynamoDb, int sqs, int health, int simulator, int s3) {

    static final StackPorts FIXED = new StackPorts(8000, 9324, 8081, 5038, 9000);
}
