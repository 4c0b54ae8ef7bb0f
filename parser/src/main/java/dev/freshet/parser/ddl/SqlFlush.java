package dev.freshet.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code FLUSH}: wait until everything ingested so far is in every materialized view. */
public final class SqlFlush extends SqlCommand {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("FLUSH", SqlKind.OTHER);

    public SqlFlush(SqlParserPos pos) {
        super(pos);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("FLUSH");
    }
}
