package dev.freshet.executor;

/**
 * How the dataflow runs.
 *
 * @param workers the worker threads operators' instances run on; each stateful operator has one
 *     instance per worker, owning the keys that hash to it
 * @param epochIntervalMillis how long changes may wait before an epoch commits them (a read
 *     that must see them, FLUSH, and DDL commit an epoch at once)
 * @param stepRows how many input rows a step gathers before it pushes them through the operators;
 *     bigger epochs are cut into steps between transactions (one transaction is never split), so
 *     intermediate batches stay bounded for many small transactions
 * @param cacheEntries the rows each operator instance's state table keeps cached in memory
 * @param subscriptionBufferRows how many rows of committed changes may wait for a subscriber
 *     ({@link Subscription}) before its subscription is ended
 */
public record DataflowOptions(int workers, long epochIntervalMillis, int stepRows, int cacheEntries,
        int subscriptionBufferRows) {
    public DataflowOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        if (epochIntervalMillis < 1) {
            throw new IllegalArgumentException("epochIntervalMillis must be at least 1: " + epochIntervalMillis);
        }
        if (stepRows < 1) {
            throw new IllegalArgumentException("stepRows must be at least 1: " + stepRows);
        }
        if (cacheEntries < 0) {
            throw new IllegalArgumentException("cacheEntries must not be negative: " + cacheEntries);
        }
        if (subscriptionBufferRows < 1) {
            throw new IllegalArgumentException("subscriptionBufferRows must be at least 1: " + subscriptionBufferRows);
        }
    }

    /**
     * One worker per core, 50 ms epochs, steps of 8,192 rows, 20,000 cached rows per state table
     * instance, 100,000 rows buffered per subscriber.
     */
    public static DataflowOptions defaults() {
        return new DataflowOptions(Runtime.getRuntime().availableProcessors(), 50, 8192, 20_000, 100_000);
    }

    public DataflowOptions withWorkers(int workers) {
        return new DataflowOptions(workers, epochIntervalMillis, stepRows, cacheEntries, subscriptionBufferRows);
    }

    public DataflowOptions withEpochIntervalMillis(long epochIntervalMillis) {
        return new DataflowOptions(workers, epochIntervalMillis, stepRows, cacheEntries, subscriptionBufferRows);
    }

    public DataflowOptions withSubscriptionBufferRows(int subscriptionBufferRows) {
        return new DataflowOptions(workers, epochIntervalMillis, stepRows, cacheEntries, subscriptionBufferRows);
    }
}
