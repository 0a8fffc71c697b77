package io.outcall.functions;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The warm-up runs on its own thread beside the init, is always over when the init returns, and never fails it. */
class InitBesideTest {

    @Test
    void warmUpRunsBesideTheInitAndIsOverWhenItReturns() throws InterruptedException {
        AtomicReference<Thread> warmUpThread = new AtomicReference<>();
        CountDownLatch warmUpStarted = new CountDownLatch(1);
        List<String> log = new ArrayList<>();

        String built = InitBeside.run("test warm-up", () -> {
            warmUpThread.set(Thread.currentThread());
            warmUpStarted.countDown();
        }, () -> {
            // Both at once: the init waits until the warm-up has begun on its other thread.
            await(warmUpStarted);
            return "clients";
        }, log::add);

        assertEquals("clients", built);
        assertNotSame(Thread.currentThread(), warmUpThread.get());
        assertFalse(warmUpThread.get().isAlive(), "the warm-up thread must be joined before the init returns");
        assertTrue(log.isEmpty(), "nothing to log: " + log);
    }

    @Test
    void aFailedWarmUpIsLoggedByTypeAndTheInitStillReturns() {
        List<String> log = new ArrayList<>();

        Object built = InitBeside.run("test warm-up", () -> {
            throw new IllegalStateException("sample broke: +14045550100");
        }, () -> "clients", log::add);

        assertEquals("clients", built);
        assertEquals(List.of("{\"level\":\"WARN\",\"message\":\"warm-up failed; the first request loads what it needs\","
                + "\"warmUp\":\"test warm-up\",\"error\":\"java.lang.IllegalStateException\"}"), log);
    }

    @Test
    void aFailedInitIsThrownAfterTheWarmUpIsOver() {
        AtomicReference<Thread> warmUpThread = new AtomicReference<>();
        IllegalStateException failure = new IllegalStateException("AWS_REGION is missing");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> InitBeside.run("test warm-up",
                () -> warmUpThread.set(Thread.currentThread()), () -> {
                    throw failure;
                }, line -> { }));

        assertSame(failure, thrown);
        assertFalse(warmUpThread.get().isAlive());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "the warm-up never started");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
