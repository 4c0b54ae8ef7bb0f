package dev.freshet.executor.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.freshet.executor.SinkOutbox;
import dev.freshet.executor.format.EncodedRecord;
import dev.freshet.executor.format.RecordFormats;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;
import dev.freshet.planner.SinkDescriptor;

class SinkRuntimeTest {
    private static final List<ColumnDescriptor> COLUMNS = List.of(
            new ColumnDescriptor("customer", DataType.of(DataType.Kind.VARCHAR), false, null),
            new ColumnDescriptor("total", DataType.of(DataType.Kind.BIGINT), true, null));

    @Test
    void shouldTurnAnEpochOfChangesPerKeyIntoOneDebeziumEventEach() {
        SinkRuntime sink = sink(List.of(0), "debezium", 0);
        sink.add(changes(
                row(-1, "a", 10), row(1, "a", 12),      // update
                row(1, "b", 5),                          // insert
                row(-1, "c", 7),                         // delete
                row(1, "d", 1), row(-1, "d", 1),         // inserted and deleted in the epoch: nothing
                row(-1, "e", 3), row(1, "e", 4), row(-1, "e", 4), row(1, "e", 3))); // back where it was: nothing
        List<SinkOutbox.Batch> batches = sink.drain(1_000);
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).sequence()).isEqualTo(1);
        assertThat(values(batches.get(0).records())).containsExactly(
                "{\"before\":{\"customer\":\"a\",\"total\":10},\"after\":{\"customer\":\"a\",\"total\":12},"
                        + "\"op\":\"u\",\"ts_ms\":1000}",
                "{\"before\":null,\"after\":{\"customer\":\"b\",\"total\":5},\"op\":\"c\",\"ts_ms\":1000}",
                "{\"before\":{\"customer\":\"c\",\"total\":7},\"after\":null,\"op\":\"d\",\"ts_ms\":1000}");
        assertThat(sink.hasChanges()).isFalse();
        assertThat(sink.drain(2_000)).as("an epoch without changes writes no batch").isEmpty();
    }

    @Test
    void shouldWriteEachCopyOfAKeylessRowAndNumberBatchesOnFromTheLastWritten() {
        SinkRuntime sink = sink(List.of(), "debezium", 41);
        sink.add(changes(row(2, "a", 1), row(-1, "b", 2)));
        List<SinkOutbox.Batch> batches = sink.drain(0);
        assertThat(batches.get(0).sequence()).isEqualTo(42);
        assertThat(values(batches.get(0).records())).hasSize(3);
        assertThat(values(batches.get(0).records()).get(2)).contains("\"op\":\"d\"");
    }

    @Test
    void shouldWriteAnEpochRunAgainAfterAFailedCommitUnderTheSameNumbersOnce() {
        SinkRuntime sink = sink(List.of(0), "upsert", 7);
        sink.add(changes(row(1, "a", 1)));
        assertThat(sink.drain(0)).extracting(SinkOutbox.Batch::sequence).containsExactly(8L);
        sink.committed();

        sink.add(changes(row(1, "b", 2)));
        assertThat(sink.drain(0)).extracting(SinkOutbox.Batch::sequence).containsExactly(9L);
        // The epoch's commit failed: its input comes again.
        sink.discard();
        sink.add(changes(row(1, "b", 2)));
        List<SinkOutbox.Batch> again = sink.drain(0);
        assertThat(again).extracting(SinkOutbox.Batch::sequence).containsExactly(9L);
        assertThat(values(again.get(0).records())).hasSize(1);

        // A failure before the drain: the changes gathered so far are forgotten, not sent twice.
        sink.committed();
        sink.add(changes(row(1, "c", 3)));
        sink.discard();
        sink.add(changes(row(1, "c", 3)));
        assertThat(values(sink.drain(0).get(0).records())).hasSize(1);
    }

    @Test
    void shouldCutALargeEpochIntoBatchesOfBoundedSize() {
        SinkRuntime sink = sink(List.of(0), "upsert", 0);
        ChangeBatch changes = new ChangeBatch();
        for (int i = 0; i < SinkRuntime.BATCH_RECORDS * 2 + 5; i++) {
            changes.add(new Object[] {"k" + i, (long) i}, 1);
        }
        sink.add(changes);
        List<SinkOutbox.Batch> batches = sink.drain(0);
        assertThat(batches).extracting(SinkOutbox.Batch::sequence).containsExactly(1L, 2L, 3L);
        assertThat(batches).extracting(batch -> batch.records().size())
                .containsExactly(SinkRuntime.BATCH_RECORDS, SinkRuntime.BATCH_RECORDS, 5);
    }

    private static SinkRuntime sink(List<Integer> key, String type, long lastSequence) {
        Map<String, String> options = Map.of("connector", "kafka", "format", "json", "type", type);
        SinkDescriptor descriptor = new SinkDescriptor(9, "s", 1, null, COLUMNS, key, false, "kafka", options,
                "CREATE SINK s ...");
        return new SinkRuntime(descriptor, RecordFormats.sinkEnvelope(type, "json", COLUMNS, key, options),
                lastSequence);
    }

    private static Object[] row(long weight, String customer, long total) {
        return new Object[] {weight, customer, total};
    }

    private static ChangeBatch changes(Object[]... weightedRows) {
        ChangeBatch batch = new ChangeBatch();
        for (Object[] weighted : weightedRows) {
            batch.add(new Object[] {weighted[1], weighted[2]}, (Long) weighted[0]);
        }
        return batch;
    }

    private static List<String> values(List<EncodedRecord> records) {
        List<String> values = new ArrayList<>();
        for (EncodedRecord record : records) {
            values.add(new String(record.value(), UTF_8));
        }
        return values;
    }
}
