package dev.freshet.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] name (column, ... [, PRIMARY KEY (a, b)] [, WATERMARK FOR ...])
 * [WITH (k = v, ...)]}. A table without primary key keys its rows by a hidden row id.
 */
public final class SqlCreateTable extends SqlCreateRelation {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

    public SqlCreateTable(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, TableElements elements,
            List<SqlOption> options) {
        super(OPERATOR, pos, ifNotExists, name, elements, options);
    }

    @Override
    protected String keywords() {
        return "CREATE TABLE";
    }
}
