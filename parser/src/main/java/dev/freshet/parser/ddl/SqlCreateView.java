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

/** {@code CREATE [OR REPLACE] VIEW name [(col, ...)] AS query}: a named query, not materialized. */
public final class SqlCreateView extends SqlCreate {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE VIEW", SqlKind.CREATE_VIEW);

    private final SqlIdentifier name;
    private final List<SqlIdentifier> columnNames;
    private final SqlNode query;

    public SqlCreateView(SqlParserPos pos, boolean replace, SqlIdentifier name, List<SqlIdentifier> columnNames,
            SqlNode query) {
        super(OPERATOR, pos, replace, false);
        this.name = requireNonNull(name, "name is null");
        this.columnNames = List.copyOf(requireNonNull(columnNames, "columnNames is null"));
        this.query = requireNonNull(query, "query is null");
    }

    public SqlIdentifier name() {
        return name;
    }

    public boolean orReplace() {
        return getReplace();
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

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, SqlLiteral.createBoolean(getReplace(), SqlParserPos.ZERO),
                new SqlNodeList(columnNames, SqlParserPos.ZERO), query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getReplace() ? "CREATE OR REPLACE VIEW" : "CREATE VIEW");
        name.unparse(writer, 0, 0);
        ColumnNameList.unparse(writer, columnNames);
        writer.keyword("AS");
        writer.newlineAndIndent();
        query.unparse(writer, 0, 0);
    }
}
