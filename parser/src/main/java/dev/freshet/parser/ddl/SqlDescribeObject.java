package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DESCRIBE name}: the columns of a table, source, view or materialized view. */
public final class SqlDescribeObject extends SqlCommand {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("DESCRIBE", SqlKind.OTHER);

    private final SqlIdentifier name;

    public SqlDescribeObject(SqlParserPos pos, SqlIdentifier name) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
    }

    public SqlIdentifier name() {
        return name;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DESCRIBE");
        name.unparse(writer, 0, 0);
    }
}
