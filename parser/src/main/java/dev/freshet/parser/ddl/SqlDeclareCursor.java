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

/** {@code DECLARE name CURSOR [WITH HOLD] FOR {query | SUBSCRIBE ...}}. */
public final class SqlDeclareCursor extends SqlCommand {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("DECLARE CURSOR", SqlKind.OTHER);

    private final SqlIdentifier name;
    private final boolean withHold;
    private final SqlNode query;

    public SqlDeclareCursor(SqlParserPos pos, SqlIdentifier name, boolean withHold, SqlNode query) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.withHold = withHold;
        this.query = requireNonNull(query, "query is null");
    }

    public SqlIdentifier name() {
        return name;
    }

    public boolean withHold() {
        return withHold;
    }

    /** A {@link SqlSubscribe} or a query. */
    public SqlNode query() {
        return query;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, SqlLiteral.createBoolean(withHold, SqlParserPos.ZERO), query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DECLARE");
        name.unparse(writer, 0, 0);
        writer.keyword("CURSOR");
        if (withHold) {
            writer.keyword("WITH HOLD");
        }
        writer.keyword("FOR");
        query.unparse(writer, 0, 0);
    }
}
