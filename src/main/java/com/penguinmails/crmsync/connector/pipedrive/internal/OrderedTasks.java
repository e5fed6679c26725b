package com.penguinmails.crmsync.connector.pipedrive.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent write tasks with a bounded number in flight (Pipedrive has no batch writes: concurrency is how a
 * sync approaches the burst limit, which the governor still enforces). The first failure of a whole call cancels
 * the rest and is rethrown; tasks record per-record outcomes themselves, by index.
 */
public final class OrderedTasks {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private OrderedTasks() {
    }

    public static void runAll(List<Runnable> tasks, int concurrency) {
        if (tasks.size() <= 1 || concurrency <= 1) {
            tasks.forEach(Runnable::run);
            return;
        }
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "pipedrive-write-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, tasks.size()), factory);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(true));
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    futures.forEach(f -> f.cancel(true));
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing to Pipedrive", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
