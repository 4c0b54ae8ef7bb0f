package dev.freshet.executor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stateful or stateless operator with one instance per partition. Each input's changes are
 * hash-partitioned by that input's distribution key, so every key meets the instance that owns
 * its state; a stateless operator's input is cut into contiguous slices instead.
 *
 * <p>After a step's changes, when the least of the inputs' watermarks has risen, every instance
 * hears of it ({@link Operator#advanceWatermark}), in the same task, so what the watermark
 * finalizes leaves in the same step.
 */
final class OperatorStage extends Stage {
    private final List<Stage> inputs;
    private final Operator[] instances;
    private final List<List<OperatorState>> states;
    /** Per input, the distribution key columns, or null to slice the input without a key. */
    private final int[][] distribution;
    private long watermark = Long.MIN_VALUE;

    OperatorStage(List<Stage> inputs, Operator[] instances, List<List<OperatorState>> states, int[][] distribution) {
        this.inputs = List.copyOf(inputs);
        this.instances = instances.clone();
        this.states = List.copyOf(states);
        this.distribution = distribution.clone();
    }

    @Override
    ChangeBatch step(Map<Long, ChangeBatch> sources, Map<Long, Long> watermarks, boolean first,
            StepExecutor executor) {
        int n = instances.length;
        ChangeBatch[][] parts = new ChangeBatch[inputs.size()][];
        int rows = 0;
        long inputWatermark = Long.MAX_VALUE;
        for (int i = 0; i < inputs.size(); i++) {
            Stage input = inputs.get(i);
            ChangeBatch changes = input.step(sources, watermarks, first, executor);
            inputWatermark = Math.min(inputWatermark, input.watermark());
            rows += changes.size();
            parts[i] = partition(changes, distribution[i], n);
        }
        boolean advanced = inputWatermark > watermark;
        watermark = Math.max(watermark, inputWatermark);
        if (rows == 0 && !first && !advanced) {
            return new ChangeBatch(1);
        }
        long stepWatermark = watermark;
        ChangeBatch[] outputs = new ChangeBatch[n];
        List<Runnable> tasks = new ArrayList<>();
        for (int instance = 0; instance < n; instance++) {
            int index = instance;
            outputs[index] = new ChangeBatch();
            tasks.add(() -> {
                for (int input = 0; input < parts.length; input++) {
                    ChangeBatch part = parts[input][index];
                    if (!part.isEmpty()) {
                        instances[index].process(input, part, outputs[index]);
                    }
                }
                instances[index].finishStep(outputs[index]);
                if (advanced) {
                    instances[index].advanceWatermark(stepWatermark, outputs[index]);
                }
            });
        }
        executor.run(tasks, rows);
        if (n == 1) {
            return outputs[0];
        }
        ChangeBatch output = new ChangeBatch(Math.max(rows, 16));
        for (ChangeBatch part : outputs) {
            output.addAll(part);
        }
        return output;
    }

    @Override
    long watermark() {
        return watermark;
    }

    /** The instance, of {@code n}, that rows whose distribution key hashes to {@code hash} go to. */
    static int instanceFor(int hash, int n) {
        // Spread the hash's high bits: String and Integer hashes of close values differ only in low bits.
        int spread = hash ^ (hash >>> 16);
        return Math.floorMod(spread * 0x9E3779B1, n);
    }

    @Override
    long watermarkAt(Map<Long, Long> watermarks) {
        long inputWatermark = Long.MAX_VALUE;
        for (Stage input : inputs) {
            inputWatermark = Math.min(inputWatermark, input.watermarkAt(watermarks));
        }
        return Math.max(watermark, inputWatermark);
    }

    private static ChangeBatch[] partition(ChangeBatch changes, int[] key, int n) {
        ChangeBatch[] parts = new ChangeBatch[n];
        if (n == 1) {
            parts[0] = changes;
            return parts;
        }
        int capacity = changes.size() / n + 16;
        for (int i = 0; i < n; i++) {
            parts[i] = new ChangeBatch(capacity);
        }
        if (key == null) {
            int slice = (changes.size() + n - 1) / n;
            for (int i = 0; i < changes.size(); i++) {
                parts[Math.min(i / Math.max(slice, 1), n - 1)].add(changes.row(i), changes.weight(i));
            }
            return parts;
        }
        for (int i = 0; i < changes.size(); i++) {
            Object[] row = changes.row(i);
            parts[instanceFor(RowKey.hash(row, key), n)].add(row, changes.weight(i));
        }
        return parts;
    }

    @Override
    void collectStates(List<OperatorState> into) {
        for (List<OperatorState> instanceStates : states) {
            into.addAll(instanceStates);
        }
        for (Stage input : inputs) {
            input.collectStates(into);
        }
    }
}
