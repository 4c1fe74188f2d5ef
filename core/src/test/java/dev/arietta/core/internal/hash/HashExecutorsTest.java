package dev.arietta.core.internal.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HashExecutorsTest {

    @Test
    void defaultPoolHasOneDaemonThreadPerProcessorWithNumberedNames() throws Exception {
        ExecutorService executor = HashExecutors.newHashExecutor("session-7-hash");
        try {
            assertEquals(Runtime.getRuntime().availableProcessors(), ((ThreadPoolExecutor) executor).getMaximumPoolSize());
            Thread thread = executor.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            assertEquals("session-7-hash-1", thread.getName());
            assertTrue(thread.isDaemon());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void twoPoolsNumberTheirThreadsIndependently() throws Exception {
        ExecutorService first = HashExecutors.newHashExecutor("a", 1);
        ExecutorService second = HashExecutors.newHashExecutor("b", 1);
        try {
            assertEquals("a-1", first.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS));
            assertEquals("b-1", second.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS));
        } finally {
            first.shutdownNow();
            second.shutdownNow();
        }
    }

    @Test
    void rejectsNonPositiveThreadCount() {
        assertThrows(IllegalArgumentException.class, () -> HashExecutors.newHashExecutor("x", 0));
    }
}
