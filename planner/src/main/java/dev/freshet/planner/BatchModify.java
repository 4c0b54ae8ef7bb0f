package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.freshet.planner.stream.CompiledExpressions;

/**
 * A planned INSERT, UPDATE or DELETE: the query that computes the rows to change, and how its
 * rows map onto the target table. Applying the rows (keys, constraints, storage) is up to the
 * caller.
 *
 * <p>The rows of {@link #source()}:
 * <ul>
 *   <li>INSERT: one new row each, with every column of the table in order (defaults and NULLs
 *       filled in, values cast to the column types);</li>
 *   <li>UPDATE: the old row (every column, then the hidden row id for a table without primary
 *       key), followed by the new value of each column of {@link #updatedColumns()};</li>
 *   <li>DELETE: the old row (every column, then the hidden row id for a table without primary
 *       key).</li>
 * </ul>
 *
 * @param operation what the statement does
 * @param table the target table
 * @param updatedColumns for UPDATE, the indexes of the columns SET assigns, in SET order; empty
 *     otherwise
 * @param source the query computing the rows
 * @param watermark for a table declared with {@code WATERMARK FOR}, its watermark expression
 *     compiled over a row of the table (its columns, no hidden row id, in Calcite's internal form),
 *     returning the row's candidate watermark as a one-element array (milliseconds, or NULL); null
 *     for a table without a watermark
 */
public record BatchModify(Operation operation, TableDescriptor table, List<Integer> updatedColumns,
        BatchQuery source, CompiledExpressions watermark) {
    public BatchModify {
        requireNonNull(operation, "operation is null");
        requireNonNull(table, "table is null");
        updatedColumns = List.copyOf(requireNonNull(updatedColumns, "updatedColumns is null"));
        requireNonNull(source, "source is null");
    }

    /** The data-changing statements. */
    public enum Operation {
        INSERT, UPDATE, DELETE
    }
}
