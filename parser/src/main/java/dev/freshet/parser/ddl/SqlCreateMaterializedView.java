package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.sql.SqlCreate;
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
 * {@code CREATE MATERIALIZED VIEW [IF NOT EXISTS] name [(col, ...)] AS query [EMIT ON WINDOW CLOSE]}.
 *
 * <p>With EMIT ON WINDOW CLOSE each window's row is emitted once, final, when the watermark passes the
 * window's end, so the view is append-only.
 */
public final class SqlCreateMaterializedView extends SqlCreate {
    public static final SqlOperator OPERATOR =
            new SqlSpecialOperator("CREATE MATERIALIZED VIEW", SqlKind.CREATE_MATERIALIZED_VIEW);

    private final SqlIdentifier name;
    private final List<SqlIdentifier> columnNames;
    private final SqlNode query;
    private final boolean emitOnWindowClose;

    public SqlCreateMaterializedView(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name,
            List<SqlIdentifier> columnNames, SqlNode query, boolean emitOnWindowClose) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        this.columnNames = List.copyOf(requireNonNull(columnNames, "columnNames is null"));
        this.query = requireNonNull(query, "query is null");
        this.emitOnWindowClose = emitOnWindowClose;
    }

    public SqlIdentifier name() {
        return name;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    /** The explicit column names, or empty when the query's names are used. */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (SqlIdentifier identifier : columnNames) {
            names.add(identifier.getSimple());
        }
        return List.copyOf(names);
    }

    public SqlNode query() {
        return query;
    }

    public boolean emitOnWindowClose() {
        return emitOnWindowClose;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, SqlLiteral.createBoolean(ifNotExists, SqlParserPos.ZERO),
                new SqlNodeList(columnNames, SqlParserPos.ZERO), query,
                SqlLiteral.createBoolean(emitOnWindowClose, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE MATERIALIZED VIEW");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        ColumnNameList.unparse(writer, columnNames);
        writer.keyword("AS");
        writer.newlineAndIndent();
        query.unparse(writer, 0, 0);
        if (emitOnWindowClose) {
            writer.keyword("EMIT ON WINDOW CLOSE");
        }
    }
}
