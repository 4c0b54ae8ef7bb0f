package dev.freshet.executor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.freshet.storage.ReadView;
import dev.freshet.storage.RowCodec;
import dev.freshet.storage.RowSchema;
import dev.freshet.storage.StorageEngine;
import dev.freshet.storage.StorageEngines;
import dev.freshet.storage.StorageOptions;
import dev.freshet.storage.StorageWriter;
import dev.freshet.storage.ValueType;

/** The change log's entries, as written now and as written before they carried watermarks. */
class ChangeLogTest {
    private static final long TABLE = 7;
    private static final RowCodec CODEC = new RowCodec(new RowSchema(List.of(ValueType.INT64, ValueType.STRING)));

    @TempDir
    Path directory;

    @Test
    void shouldReadBackChangesAndTheWatermarksAnEntryRaised() {
        try (StorageEngine storage = StorageEngines.open(directory, StorageOptions.defaults())) {
            ChangeBatch changes = new ChangeBatch();
            changes.add(new Object[] {1L, "a"}, 1);
            changes.add(new Object[] {2L, "b"}, -1);
            try (StorageWriter writer = storage.beginBatch()) {
                ChangeLog.append(writer, 1, Map.of(TABLE, changes), Map.of(TABLE, 5_000L), id -> CODEC);
                ChangeLog.append(writer, 2, Map.of(), Map.of(TABLE, 9_000L), id -> CODEC);
                writer.commit();
            }
            try (ReadView view = storage.openReadView()) {
                List<ChangeLog.Entry> entries = ChangeLog.pending(view, 0, id -> CODEC);

                assertThat(entries).hasSize(2);
                assertThat(OperatorHarness.zset(entries.get(0).changes().get(TABLE)))
                        .containsOnly(Map.entry(List.of(1L, "a"), 1L), Map.entry(List.of(2L, "b"), -1L));
                assertThat(entries.get(0).watermarks()).containsOnly(Map.entry(TABLE, 5_000L));
                assertThat(entries.get(1).changes()).isEmpty();
                assertThat(entries.get(1).watermarks()).containsOnly(Map.entry(TABLE, 9_000L));
            }
        }
    }

    @Test
    void shouldStillReadEntriesWrittenBeforeWatermarks() {
        byte[] row = CODEC.encode(new Object[] {1L, "a"});
        byte[] oldEntry = ByteBuffer.allocate(12 + 12 + row.length).putLong(TABLE).putInt(1)
                .putLong(1).putInt(row.length).put(row).array();
        try (StorageEngine storage = StorageEngines.open(directory, StorageOptions.defaults())) {
            try (StorageWriter writer = storage.beginBatch()) {
                writer.put(ChangeLog.KEYSPACE, ByteBuffer.allocate(9).put((byte) 0x01).putLong(1).array(), oldEntry);
                writer.commit();
            }
            try (ReadView view = storage.openReadView()) {
                List<ChangeLog.Entry> entries = ChangeLog.pending(view, 0, id -> CODEC);

                assertThat(entries).hasSize(1);
                assertThat(OperatorHarness.zset(entries.get(0).changes().get(TABLE)))
                        .containsOnly(Map.entry(List.of(1L, "a"), 1L));
                assertThat(entries.get(0).watermarks()).isEmpty();
            }
        }
    }
}
