package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code SUBSCRIBE [TO] name [WITH (snapshot = false, ...)]}: the change stream of a table or materialized
 * view, as rows {@code (epoch BIGINT, diff INT, <columns>)}. Standalone, inside {@code COPY (...) TO STDOUT},
 * or as the query of {@code DECLARE ... CURSOR FOR}.
 */
public final class SqlSubscribe extends SqlCommand {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("SUBSCRIBE", SqlKind.OTHER);

    private final SqlIdentifier name;
    private final List<SqlOption> options;

    public SqlSubscribe(SqlParserPos pos, SqlIdentifier name, List<SqlOption> options) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.options = List.copyOf(requireNonNull(options, "options is null"));
    }

    public SqlIdentifier name() {
        return name;
    }

    public List<SqlOption> options() {
        return options;
    }

    public Map<String, String> optionMap() {
        return SqlOption.toMap(options);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, new SqlNodeList(options, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SUBSCRIBE TO");
        name.unparse(writer, 0, 0);
        SqlOption.unparseWith(writer, options);
    }
}
