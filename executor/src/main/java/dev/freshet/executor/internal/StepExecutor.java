package dev.freshet.executor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs the instances of an operator for one step: on the calling thread when there is little to
 * do, otherwise one task per instance on the worker pool. Either way an instance runs on one
 * thread at a time, and the call returns when every instance is done.
 */
public final class StepExecutor {
    /** Below this many input rows, handing instances to other threads costs more than it saves. */
    private static final int PARALLEL_THRESHOLD = 2048;

    private final ExecutorService workers;

    public StepExecutor(ExecutorService workers) {
        this.workers = workers;
    }

    void run(List<Runnable> instanceTasks, int inputRows) {
        if (workers == null || instanceTasks.size() == 1 || inputRows < PARALLEL_THRESHOLD) {
            for (Runnable task : instanceTasks) {
                task.run();
            }
            return;
        }
        List<Callable<Void>> callables = new ArrayList<>();
        for (Runnable task : instanceTasks) {
            callables.add(() -> {
                task.run();
                return null;
            });
        }
        try {
            List<Future<Void>> futures = workers.invokeAll(callables);
            for (Future<Void> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while operators ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
