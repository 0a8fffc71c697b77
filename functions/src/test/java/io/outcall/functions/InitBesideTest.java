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

/**
 * The warm-up runs on its own thread beside the init, is always over when the init returns, never
 * fails it, and never holds it back beyond the step under way (one that has not begun by then never
 * runs, so each test holds its init until the steps it speaks of have begun).
 */
class InitBesideTest {

    @Test
    void warmUpRunsBesideTheInitAndIsOverWhenItReturns() throws InterruptedException {
        AtomicReference<Thread> warmUpThread = new AtomicReference<>();
        CountDownLatch warmUpStarted = new CountDownLatch(1);
        List<String> log = new ArrayList<>();

        String built = InitBeside.run("test warm-up", List.of(() -> {
            warmUpThread.set(Thread.currentThread());
            warmUpStarted.countDown();
        }), () -> {
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

        List<String> stepsRun = new ArrayList<>();
        CountDownLatch logged = new CountDownLatch(1);

        Object built = InitBeside.run("test warm-up", List.of(() -> {
            throw new IllegalStateException("sample broke: +14045550100");
        }, () -> stepsRun.add("after the failure")), () -> {
            await(logged);
            return "clients";
        }, line -> {
            log.add(line);
            logged.countDown();
        });

        assertEquals("clients", built);
        assertTrue(stepsRun.isEmpty(), "a failed step ends the warm-up");
        assertEquals(List.of("{\"level\":\"WARN\",\"message\":\"warm-up failed; the first request loads what it needs\","
                + "\"warmUp\":\"test warm-up\",\"error\":\"java.lang.IllegalStateException\"}"), log);
    }

    @Test
    void aFailedInitIsThrownAfterTheWarmUpIsOver() {
        AtomicReference<Thread> warmUpThread = new AtomicReference<>();
        CountDownLatch warmUpStarted = new CountDownLatch(1);
        IllegalStateException failure = new IllegalStateException("AWS_REGION is missing");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> InitBeside.run("test warm-up",
                List.of(() -> {
                    warmUpThread.set(Thread.currentThread());
                    warmUpStarted.countDown();
                }), () -> {
                    await(warmUpStarted);
                    throw failure;
                }, line -> { }));

        assertSame(failure, thrown);
        assertFalse(warmUpThread.get().isAlive());
    }

    @Test
    void noStepStartsOnceTheInitIsBuiltAndTheOneUnderWayIsWaitedFor() {
        Thread runtime = Thread.currentThread();
        List<String> stepsDone = new ArrayList<>();
        CountDownLatch firstStepStarted = new CountDownLatch(1);

        InitBeside.run("test warm-up", List.of(() -> {
            firstStepStarted.countDown();
            // Still under way when the init is built: holds until the runtime's thread waits to join
            // (WAITING: its only untimed wait here), which it does only after the init returned.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (runtime.getState() != Thread.State.WAITING) {
                assertTrue(System.nanoTime() < deadline, "the init never returned");
                Thread.onSpinWait();
            }
            stepsDone.add("first");
        }, () -> stepsDone.add("second")), () -> {
            await(firstStepStarted);
            return "clients";
        }, line -> { });

        assertEquals(List.of("first"), stepsDone);
    }

    @Test
    void withoutStepsTheInitRunsAloneOnTheCallersThread() {
        Thread runtime = Thread.currentThread();
        int threadsBefore = Thread.activeCount();
        AtomicReference<Thread> initThread = new AtomicReference<>();

        String built = InitBeside.run("test warm-up", List.of(), () -> {
            initThread.set(Thread.currentThread());
            assertEquals(threadsBefore, Thread.activeCount(), "no warm-up thread is started for no steps");
            return "clients";
        }, line -> { });

        assertEquals("clients", built);
        assertSame(runtime, initThread.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "the warm-up never started");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
