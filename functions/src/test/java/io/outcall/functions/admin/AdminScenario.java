package io.outcall.functions.admin;

import io.outcall.functions.AdminWiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** What every admin test class starts: its own DynamoDB Local and ElasticMQ, and the admin wiring over them. */
abstract class AdminScenario {

    static AdminBackends backends;
    static AdminWiring wiring;

    @BeforeAll
    static void startBackends() {
        backends = AdminBackends.start();
        wiring = backends.wiring();
    }

    @AfterAll
    static void stopBackends() {
        backends.close();
    }
}
