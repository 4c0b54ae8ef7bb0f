package dev.freshet.tests.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A parsed {@code .slt} file: its name relative to the {@code slt} folder and its records in order. */
public record SltFile(String name, List<SltRecord> records) {
    public SltFile {
        requireNonNull(name, "name is null");
        records = List.copyOf(requireNonNull(records, "records is null"));
    }

    /** How many statements and queries the file holds (directives not counted). */
    public long testRecordCount() {
        return records.stream()
                .filter(record -> record instanceof SltRecord.Statement || record instanceof SltRecord.Query)
                .count();
    }
}
