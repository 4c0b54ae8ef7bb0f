package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW CREATE {TABLE | SOURCE | MATERIALIZED VIEW | SINK | VIEW} name}. */
public final class SqlShowCreate extends SqlCommand {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW CREATE", SqlKind.OTHER);

    private final ObjectKind objectKind;
    private final SqlIdentifier name;

    public SqlShowCreate(SqlParserPos pos, ObjectKind objectKind, SqlIdentifier name) {
        super(pos);
        this.objectKind = requireNonNull(objectKind, "objectKind is null");
        this.name = requireNonNull(name, "name is null");
    }

    public ObjectKind objectKind() {
        return objectKind;
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
        return List.of(SqlLiteral.createSymbol(objectKind, SqlParserPos.ZERO), name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW CREATE");
        writer.keyword(objectKind.sql());
        name.unparse(writer, 0, 0);
    }
}
