package dev.freshet.planner.internal;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.SchemaPlus;

import dev.freshet.planner.stream.CompiledExpressions;
import dev.freshet.planner.stream.RowFunction;

/**
 * Compiles a plan node's expressions to one Java class with Janino, through Calcite's
 * {@link RexExecutorImpl}: the generated code reads the input row from the data context's
 * {@code inputRecord} and returns the expressions' values. Each evaluator owns a small mutable
 * context holding the current row, so the compiled function is shared and the evaluators are not.
 *
 * <p>The expressions must be deterministic: a materialized view's rows must not depend on when
 * they were computed. The translator refuses the clock functions before it gets here.
 */
public final class StreamExpressionCompiler {
    private static final String INPUT_RECORD = "inputRecord";

    private StreamExpressionCompiler() {
    }

    /**
     * @param expressions the expressions over the input row
     * @param inputRowType the input row's type
     * @param timeZone the server's default zone (views are planned in it, so that planning again
     *     after a restart gives the same plan), for casts between timestamptz and text
     */
    public static CompiledExpressions compile(RexBuilder rexBuilder, List<RexNode> expressions,
            RelDataType inputRowType, TimeZone timeZone, String description) {
        RexExecutable executable = RexExecutorImpl.getExecutable(rexBuilder, expressions, inputRowType);
        Function1<DataContext, Object[]> function = executable.getFunction();
        JavaTypeFactory typeFactory = (JavaTypeFactory) rexBuilder.getTypeFactory();
        return new CompiledExpressions(description, expressions.size(),
                () -> new Evaluator(function, new RowContext(typeFactory, timeZone)));
    }

    /**
     * Compiles a condition for a batch plan's table scan: each call of the returned function gives
     * an evaluator that reads parameters and the clock from the statement's data context.
     *
     * @throws RuntimeException when Calcite cannot generate code for the condition (for example a
     *     correlation variable); callers then leave the condition to Calcite's interpreter
     */
    public static java.util.function.Function<DataContext, java.util.function.Predicate<Object[]>> compileCondition(
            RexBuilder rexBuilder, RexNode condition, RelDataType inputRowType) {
        Function1<DataContext, Object[]> function =
                RexExecutorImpl.getExecutable(rexBuilder, List.of(condition), inputRowType).getFunction();
        return statement -> {
            StatementRowContext context = new StatementRowContext(statement);
            return row -> {
                context.row = row;
                return Boolean.TRUE.equals(function.apply(context)[0]);
            };
        };
    }

    /** The data context of a batch evaluator: the current row, and the statement's context for the rest. */
    private static final class StatementRowContext implements DataContext {
        private final DataContext statement;
        private Object[] row;

        StatementRowContext(DataContext statement) {
            this.statement = requireNonNull(statement, "statement is null");
        }

        @Override
        public SchemaPlus getRootSchema() {
            return statement.getRootSchema();
        }

        @Override
        public JavaTypeFactory getTypeFactory() {
            return statement.getTypeFactory();
        }

        @Override
        public QueryProvider getQueryProvider() {
            return statement.getQueryProvider();
        }

        @Override
        public Object get(String name) {
            return name.equals(INPUT_RECORD) ? row : statement.get(name);
        }
    }

    private static final class Evaluator implements RowFunction {
        private final Function1<DataContext, Object[]> function;
        private final RowContext context;

        Evaluator(Function1<DataContext, Object[]> function, RowContext context) {
            this.function = function;
            this.context = context;
        }

        @Override
        public Object[] apply(Object[] row) {
            context.row = row;
            return function.apply(context);
        }
    }

    /** The data context of one evaluator: the current row and the view's zone. */
    private static final class RowContext implements DataContext {
        private final JavaTypeFactory typeFactory;
        private final TimeZone timeZone;
        private Object[] row;

        RowContext(JavaTypeFactory typeFactory, TimeZone timeZone) {
            this.typeFactory = requireNonNull(typeFactory, "typeFactory is null");
            this.timeZone = requireNonNull(timeZone, "timeZone is null");
        }

        @Override
        public SchemaPlus getRootSchema() {
            return null;
        }

        @Override
        public JavaTypeFactory getTypeFactory() {
            return typeFactory;
        }

        @Override
        public QueryProvider getQueryProvider() {
            return null;
        }

        @Override
        public Object get(String name) {
            if (name.equals(INPUT_RECORD)) {
                return row;
            }
            if (name.equals(Variable.TIME_ZONE.camelName)) {
                return timeZone;
            }
            if (name.equals(Variable.LOCALE.camelName)) {
                return Locale.ROOT;
            }
            return null;
        }
    }
}
