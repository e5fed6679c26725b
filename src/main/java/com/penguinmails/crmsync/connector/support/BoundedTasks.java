package com.penguinmails.crmsync.connector.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent API calls with a bounded number in flight: with 150 ms or more per call, one call at a time spends a
 * run waiting, far below what the CRM allows (Pipedrive has no batch writes; HubSpot's batches go 100 records per
 * call). The connection's governor still paces every call. The first failure of a whole call cancels the rest and is
 * rethrown; tasks record per-record outcomes themselves, by index.
 */
public final class BoundedTasks {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private BoundedTasks() {
    }

    /** @param name names the worker threads (e.g. {@code hubspot-write}) */
    public static void runAll(String name, List<Runnable> tasks, int concurrency) {
        if (tasks.size() <= 1 || concurrency <= 1) {
            tasks.forEach(Runnable::run);
            return;
        }
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + THREADS.incrementAndGet());
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
                    throw new IllegalStateException("interrupted while calling the CRM (" + name + ")", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
