package dev.freshet.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The high-water marks of this JVM's heap, taken at every garbage collection (the JVM tells its
 * listeners the heap pools' use before and after each): the most heap ever in use, which is
 * reached just before a collection and counts garbage, and the most heap in use right after a
 * collection, which is the closest the JVM comes to "live data" (with G1, a young collection
 * leaves old garbage in place until a mixed one, so this is an upper bound of the live set).
 * Nothing is sampled: a collection this object did not hear of is one that did not happen.
 */
final class HeapHighWater {
    private final Set<String> heapPools = new HashSet<>();
    private final AtomicLong peakBeforeGc = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();

    private HeapHighWater() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
    }

    /** Starts listening to this JVM's collectors; the marks count collections from now on. */
    static HeapHighWater listen() {
        HeapHighWater marks = new HeapHighWater();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> marks.collected(notification), null, null);
            }
        }
        return marks;
    }

    /** The most heap in use just before any collection so far, in bytes; 0 before the first. */
    long peakBeforeGcBytes() {
        return peakBeforeGc.get();
    }

    /** The most heap in use right after any collection so far, in bytes; 0 before the first. */
    long peakAfterGcBytes() {
        return peakAfterGc.get();
    }

    /**
     * Runs a full collection and waits, at most {@code timeoutMillis}, until this object has heard
     * of it: the JVM tells its listeners on a thread of its own, after {@link System#gc()} returns.
     */
    void collectNow(long timeoutMillis) throws InterruptedException {
        long before = collections.get();
        System.gc();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (collections.get() == before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private void collected(Notification notification) {
        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        peakBeforeGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        peakAfterGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
        collections.incrementAndGet();
    }

    private long heapUsed(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }
}
