package dev.freshet.server.session;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import dev.freshet.server.pgwire.PgColumn;
import dev.freshet.server.pgwire.PgPortal;
import dev.freshet.server.pgwire.PgResult;
import dev.freshet.server.pgwire.PgStatement;
import dev.freshet.server.pgwire.PgType;

/**
 * A statement whose result is computed in one go when its portal first runs: commands (DDL,
 * SET, SHOW, transaction control) and DML. The rows, if any, are then handed out in pieces.
 */
final class ResultStatement implements PgStatement {
    private final List<PgType> parameterTypes;
    private final List<PgColumn> columns;
    private final Function<List<Object>, Result> action;

    ResultStatement(List<PgType> parameterTypes, List<PgColumn> columns, Function<List<Object>, Result> action) {
        this.parameterTypes = List.copyOf(requireNonNull(parameterTypes, "parameterTypes is null"));
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.action = requireNonNull(action, "action is null");
    }

    /** A statement without parameters or rows: only a command tag. */
    static ResultStatement command(Function<List<Object>, Result> action) {
        return new ResultStatement(List.of(), List.of(), action);
    }

    @Override
    public List<PgType> parameterTypes() {
        return parameterTypes;
    }

    @Override
    public List<PgColumn> columns() {
        return columns;
    }

    @Override
    public PgPortal bind(List<Object> parameters) {
        // A parameter may be NULL, which List.copyOf refuses.
        return new Portal(Collections.unmodifiableList(new ArrayList<>(parameters)));
    }

    /**
     * What a command produced.
     *
     * @param commandTag the CommandComplete tag
     * @param rows the rows, each in the wire representation of {@link #columns()}
     */
    record Result(String commandTag, List<Object[]> rows) {
        static Result tag(String commandTag) {
            return new Result(commandTag, List.of());
        }
    }

    private final class Portal implements PgPortal {
        private final List<Object> parameters;
        private Result result;
        private int position;

        Portal(List<Object> parameters) {
            this.parameters = parameters;
        }

        @Override
        public List<PgColumn> columns() {
            return columns;
        }

        @Override
        public PgResult fetch(int maxRows) {
            if (result == null) {
                result = action.apply(parameters);
            }
            int end = maxRows <= 0 ? result.rows().size() : Math.min(result.rows().size(), position + maxRows);
            List<Object[]> rows = result.rows().subList(position, end);
            position = end;
            return new PgResult(rows, position >= result.rows().size(), result.commandTag());
        }

        @Override
        public void close() {
            result = null;
        }
    }
}
