package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.SchemaPlus;

import dev.freshet.planner.internal.ExecutionContext;
import dev.freshet.planner.internal.ExecutionErrors;

/**
 * A compiled batch plan: a query over a consistent read of storage, ready to run any number of
 * times with different parameter values (a prepared statement keeps one).
 */
public final class BatchQuery {
    private final RelDataType rowType;
    private final List<RelDataType> parameterTypes;
    private final Bindable<Object> bindable;
    private final Map<String, Object> internalParameters;
    private final SchemaPlus rootSchema;
    private final JavaTypeFactory typeFactory;
    private final String explain;

    public BatchQuery(RelDataType rowType, List<RelDataType> parameterTypes, Bindable<Object> bindable,
            Map<String, Object> internalParameters, SchemaPlus rootSchema, JavaTypeFactory typeFactory,
            String explain) {
        this.rowType = requireNonNull(rowType, "rowType is null");
        this.parameterTypes = List.copyOf(requireNonNull(parameterTypes, "parameterTypes is null"));
        this.bindable = requireNonNull(bindable, "bindable is null");
        this.internalParameters = Map.copyOf(requireNonNull(internalParameters, "internalParameters is null"));
        this.rootSchema = requireNonNull(rootSchema, "rootSchema is null");
        this.typeFactory = requireNonNull(typeFactory, "typeFactory is null");
        this.explain = requireNonNull(explain, "explain is null");
    }

    /** The type of the rows the query returns, with the column names the user sees. */
    public RelDataType rowType() {
        return rowType;
    }

    /** The types of the parameters $1, $2, …; empty when the query has none. */
    public List<RelDataType> parameterTypes() {
        return parameterTypes;
    }

    /** The optimized plan, one operator per line, for EXPLAIN. */
    public String explain() {
        return explain;
    }

    /**
     * Runs the query. Rows are produced lazily as the result is enumerated; each row has one
     * value per column of {@link #rowType()}, in Calcite's internal representation.
     *
     * @param reader the consistent read the query's table scans go through
     * @param parameters one value per parameter, in Calcite's internal representation
     * @param cancelFlag set to true (from any thread) to stop the query with a cancellation
     */
    public Enumerable<Object[]> execute(TableReader reader, List<Object> parameters, TimeZone timeZone,
            String user, AtomicBoolean cancelFlag) {
        ExecutionContext context = new ExecutionContext(rootSchema, typeFactory, reader, parameters, timeZone,
                cancelFlag, user, internalParameters);
        boolean scalar = rowType.getFieldCount() == 1;
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                Enumerator<Object> rows;
                try {
                    rows = bindable.bind(context).enumerator();
                } catch (RuntimeException | ExceptionInInitializerError e) {
                    throw ExecutionErrors.translate(e);
                }
                return new TranslatingEnumerator(rows, scalar);
            }
        };
    }

    /**
     * Hands out rows as arrays (Calcite represents a one-column row as the bare value) and turns
     * every failure of the generated code into a {@link dev.freshet.common.FreshetException}.
     */
    private static final class TranslatingEnumerator implements Enumerator<Object[]> {
        private final Enumerator<Object> rows;
        private final boolean scalar;

        TranslatingEnumerator(Enumerator<Object> rows, boolean scalar) {
            this.rows = rows;
            this.scalar = scalar;
        }

        @Override
        public Object[] current() {
            Object row;
            try {
                // Calcite's generated projections compute a row's values here, not in moveNext().
                row = rows.current();
            } catch (RuntimeException | ExceptionInInitializerError e) {
                throw ExecutionErrors.translate(e);
            }
            return scalar ? new Object[] {row} : (Object[]) row;
        }

        @Override
        public boolean moveNext() {
            try {
                return rows.moveNext();
            } catch (RuntimeException | ExceptionInInitializerError e) {
                throw ExecutionErrors.translate(e);
            }
        }

        @Override
        public void reset() {
            rows.reset();
        }

        @Override
        public void close() {
            rows.close();
        }
    }
}
