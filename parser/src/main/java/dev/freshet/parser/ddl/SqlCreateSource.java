package dev.freshet.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE SOURCE [IF NOT EXISTS] name [(column, ... [, WATERMARK FOR ...])]
 * WITH (connector = ..., ...)}: an external, unbounded input. The columns may be omitted
 * when the connector defines them (e.g. {@code nexmark}).
 */
public final class SqlCreateSource extends SqlCreateRelation {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE SOURCE", SqlKind.OTHER_DDL);

    public SqlCreateSource(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, TableElements elements,
            List<SqlOption> options) {
        super(OPERATOR, pos, ifNotExists, name, elements, options);
    }

    @Override
    protected String keywords() {
        return "CREATE SOURCE";
    }
}
