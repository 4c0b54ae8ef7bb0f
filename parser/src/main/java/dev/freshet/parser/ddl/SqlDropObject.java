package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code DROP {TABLE | SOURCE | MATERIALIZED VIEW | VIEW | SINK} [IF EXISTS] name [, name ...] [CASCADE | RESTRICT]}.
 * RESTRICT is the default, as in PostgreSQL: dropping an object others depend on fails unless CASCADE is given.
 */
public final class SqlDropObject extends SqlDrop {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP", SqlKind.OTHER_DDL);

    private final ObjectKind objectKind;
    private final List<SqlIdentifier> names;
    private final boolean cascade;

    public SqlDropObject(SqlParserPos pos, ObjectKind objectKind, boolean ifExists, List<SqlIdentifier> names,
            boolean cascade) {
        super(OPERATOR, pos, ifExists);
        this.objectKind = requireNonNull(objectKind, "objectKind is null");
        this.names = List.copyOf(requireNonNull(names, "names is null"));
        if (this.names.isEmpty()) {
            throw new IllegalArgumentException("names is empty");
        }
        this.cascade = cascade;
    }

    public ObjectKind objectKind() {
        return objectKind;
    }

    public boolean ifExists() {
        return ifExists;
    }

    public List<SqlIdentifier> names() {
        return names;
    }

    public boolean cascade() {
        return cascade;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(SqlLiteral.createSymbol(objectKind, SqlParserPos.ZERO),
                SqlLiteral.createBoolean(ifExists, SqlParserPos.ZERO), new SqlNodeList(names, SqlParserPos.ZERO),
                SqlLiteral.createBoolean(cascade, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DROP");
        writer.keyword(objectKind.sql());
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        SqlWriter.Frame frame = writer.startList("", "");
        for (SqlIdentifier name : names) {
            writer.sep(",");
            name.unparse(writer, 0, 0);
        }
        writer.endList(frame);
        if (cascade) {
            writer.keyword("CASCADE");
        }
    }
}
