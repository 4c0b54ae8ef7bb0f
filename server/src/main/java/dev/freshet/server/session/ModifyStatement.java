package dev.freshet.server.session;

import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.rel.type.RelDataType;

import dev.freshet.planner.BatchModify;
import dev.freshet.server.pgwire.PgType;

/**
 * INSERT, UPDATE and DELETE: planned when prepared, applied in the session's transaction (or a
 * transaction of their own) when a portal runs them; the command tag counts the rows changed.
 */
final class ModifyStatement {
    private ModifyStatement() {
    }

    static ResultStatement of(BatchModify modify, FreshetSession session) {
        List<PgType> parameterTypes = new ArrayList<>();
        for (RelDataType type : modify.source().parameterTypes()) {
            parameterTypes.add(WireValues.pgType(type));
        }
        return new ResultStatement(parameterTypes, List.of(), parameters -> {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < modify.source().parameterTypes().size(); i++) {
                Object value = i < parameters.size() ? parameters.get(i) : null;
                values.add(WireValues.fromWire(value, modify.source().parameterTypes().get(i), i + 1));
            }
            long count = session.runModify(modify, values);
            String tag = switch (modify.operation()) {
                case INSERT -> "INSERT 0 " + count;
                case UPDATE -> "UPDATE " + count;
                case DELETE -> "DELETE " + count;
            };
            return ResultStatement.Result.tag(tag);
        });
    }
}
