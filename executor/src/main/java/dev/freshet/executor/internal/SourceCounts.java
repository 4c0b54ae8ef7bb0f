package dev.freshet.executor.internal;

import java.util.HashMap;
import java.util.Map;

import dev.freshet.executor.BadRecords;
import dev.freshet.executor.LateRows;
import dev.freshet.storage.KvReader;
import dev.freshet.storage.StorageWriter;

/**
 * The late rows and bad records an epoch's feeds met, per source, added to the stored counts once
 * per source: several views reading one source each add theirs, and two writes of one count in a
 * batch would keep only the last.
 */
public final class SourceCounts {
    private final Map<Long, Long> late = new HashMap<>();
    private final Map<Long, Long> bad = new HashMap<>();

    void addLate(long sourceId, long rows) {
        if (rows > 0) {
            late.merge(sourceId, rows, Long::sum);
        }
    }

    void addBad(long sourceId, long records) {
        if (records > 0) {
            bad.merge(sourceId, records, Long::sum);
        }
    }

    /** Adds the counts to the stored ones in the writer's commit. */
    public void write(StorageWriter writer, KvReader committed) {
        late.forEach((source, rows) -> LateRows.addToCount(writer, committed, source, rows));
        bad.forEach((source, records) -> BadRecords.addToCount(writer, committed, source, records));
    }
}
