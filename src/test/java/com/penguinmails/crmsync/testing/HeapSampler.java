package com.penguinmails.crmsync.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** Samples heap use every 20 ms for benchmarks: the peak in use, and the peak still in use right after a collection. */
public final class HeapSampler {

    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private HeapSampler() {
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        thread = new Thread(() -> {
            while (running) {
                peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                        Math::max);
                long afterGc = heapPools.stream().map(MemoryPoolMXBean::getCollectionUsage)
                        .filter(Objects::nonNull).mapToLong(MemoryUsage::getUsed).sum();
                peakAfterGc.accumulateAndGet(afterGc, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
    }

    public static HeapSampler start() {
        HeapSampler sampler = new HeapSampler();
        sampler.thread.start();
        return sampler;
    }

    public void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    public long peakUsed() {
        return peakUsed.get();
    }

    public long peakAfterGc() {
        return peakAfterGc.get();
    }
}
