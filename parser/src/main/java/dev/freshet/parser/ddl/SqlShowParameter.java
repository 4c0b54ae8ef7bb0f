package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code SHOW name} or {@code SHOW ALL}: a session parameter. The name is lower-cased and uses PostgreSQL's
 * parameter names: {@code SHOW TIME ZONE} is {@code timezone}, {@code SHOW TRANSACTION ISOLATION LEVEL} is
 * {@code transaction_isolation}, {@code SHOW ALL} is {@code all}.
 */
public final class SqlShowParameter extends SqlCommand {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW", SqlKind.OTHER);

    private final String name;

    public SqlShowParameter(SqlParserPos pos, String name) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
    }

    public String name() {
        return name;
    }

    public boolean isAll() {
        return name.equals("all");
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createCharString(name, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW");
        if (isAll()) {
            writer.keyword("ALL");
        } else {
            ParameterNames.unparse(writer, name);
        }
    }
}
