package dev.freshet.parser.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.calcite.sql.SqlWriter;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The transaction modes of BEGIN, START TRANSACTION, SET TRANSACTION and SET SESSION CHARACTERISTICS:
 * {@code ISOLATION LEVEL ...}, {@code READ ONLY | READ WRITE}, {@code [NOT] DEFERRABLE}. Each is null when not
 * given. Immutable.
 */
public final class TransactionModes {
    public static final TransactionModes NONE = new TransactionModes(null, null, null);

    /** PostgreSQL's isolation levels. */
    public enum IsolationLevel {
        SERIALIZABLE("SERIALIZABLE"),
        REPEATABLE_READ("REPEATABLE READ"),
        READ_COMMITTED("READ COMMITTED"),
        READ_UNCOMMITTED("READ UNCOMMITTED");

        private final String sql;

        IsolationLevel(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    private final @Nullable IsolationLevel isolationLevel;
    private final @Nullable Boolean readOnly;
    private final @Nullable Boolean deferrable;

    public TransactionModes(@Nullable IsolationLevel isolationLevel, @Nullable Boolean readOnly,
            @Nullable Boolean deferrable) {
        this.isolationLevel = isolationLevel;
        this.readOnly = readOnly;
        this.deferrable = deferrable;
    }

    public @Nullable IsolationLevel isolationLevel() {
        return isolationLevel;
    }

    public @Nullable Boolean readOnly() {
        return readOnly;
    }

    public @Nullable Boolean deferrable() {
        return deferrable;
    }

    public TransactionModes withIsolationLevel(IsolationLevel level) {
        return new TransactionModes(level, readOnly, deferrable);
    }

    public TransactionModes withReadOnly(boolean value) {
        return new TransactionModes(isolationLevel, value, deferrable);
    }

    public TransactionModes withDeferrable(boolean value) {
        return new TransactionModes(isolationLevel, readOnly, value);
    }

    public boolean isEmpty() {
        return isolationLevel == null && readOnly == null && deferrable == null;
    }

    /** The modes as SQL, e.g. {@code ISOLATION LEVEL SERIALIZABLE, READ ONLY}; empty when there are none. */
    public String toSql() {
        List<String> parts = new ArrayList<>();
        if (isolationLevel != null) {
            parts.add("ISOLATION LEVEL " + isolationLevel.sql());
        }
        if (readOnly != null) {
            parts.add(readOnly ? "READ ONLY" : "READ WRITE");
        }
        if (deferrable != null) {
            parts.add(deferrable ? "DEFERRABLE" : "NOT DEFERRABLE");
        }
        return String.join(", ", parts);
    }

    void unparse(SqlWriter writer) {
        if (!isEmpty()) {
            writer.print(toSql());
            writer.print(" ");
        }
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof TransactionModes)) {
            return false;
        }
        TransactionModes that = (TransactionModes) other;
        return isolationLevel == that.isolationLevel && Objects.equals(readOnly, that.readOnly)
                && Objects.equals(deferrable, that.deferrable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(isolationLevel, readOnly, deferrable);
    }

    @Override
    public String toString() {
        return toSql();
    }
}
