package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code WATERMARK FOR column AS expression [WITH (idle_timeout = '30 s', ...)]}: the event-time column
 * and the expression (usually {@code column - INTERVAL ...}) that gives the watermark from it.
 */
public final class SqlWatermark extends SqlCall {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("WATERMARK", SqlKind.OTHER);

    private final SqlIdentifier column;
    private final SqlNode expression;
    private final List<SqlOption> options;

    public SqlWatermark(SqlParserPos pos, SqlIdentifier column, SqlNode expression, List<SqlOption> options) {
        super(pos);
        this.column = requireNonNull(column, "column is null");
        this.expression = requireNonNull(expression, "expression is null");
        this.options = List.copyOf(requireNonNull(options, "options is null"));
    }

    public SqlIdentifier column() {
        return column;
    }

    public SqlNode expression() {
        return expression;
    }

    public List<SqlOption> options() {
        return options;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(column, expression, new SqlNodeList(options, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("WATERMARK FOR");
        column.unparse(writer, 0, 0);
        writer.keyword("AS");
        expression.unparse(writer, 0, 0);
        SqlOption.unparseWith(writer, options);
    }
}
