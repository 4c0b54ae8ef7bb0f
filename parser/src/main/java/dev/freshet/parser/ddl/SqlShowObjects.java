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

/** {@code SHOW TABLES | SOURCES | MATERIALIZED VIEWS | SINKS | VIEWS}. */
public final class SqlShowObjects extends SqlCommand {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW OBJECTS", SqlKind.OTHER);

    private final ObjectKind objectKind;

    public SqlShowObjects(SqlParserPos pos, ObjectKind objectKind) {
        super(pos);
        this.objectKind = requireNonNull(objectKind, "objectKind is null");
    }

    public ObjectKind objectKind() {
        return objectKind;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createSymbol(objectKind, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW");
        writer.keyword(objectKind.pluralSql());
    }
}
