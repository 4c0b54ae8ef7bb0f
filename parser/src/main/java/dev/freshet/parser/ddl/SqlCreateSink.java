package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

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
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code CREATE SINK [IF NOT EXISTS] name FROM object WITH (...)} or
 * {@code CREATE SINK [IF NOT EXISTS] name AS query WITH (...)}: exactly one of {@link #from()} and
 * {@link #query()} is non-null.
 */
public final class SqlCreateSink extends SqlCreate {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE SINK", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final @Nullable SqlIdentifier from;
    private final @Nullable SqlNode query;
    private final List<SqlOption> options;

    public SqlCreateSink(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, @Nullable SqlIdentifier from,
            @Nullable SqlNode query, List<SqlOption> options) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        if ((from == null) == (query == null)) {
            throw new IllegalArgumentException("exactly one of from and query must be given");
        }
        this.from = from;
        this.query = query;
        this.options = List.copyOf(requireNonNull(options, "options is null"));
    }

    public SqlIdentifier name() {
        return name;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    /** The table, source or materialized view whose changes the sink emits, or null for {@code AS query}. */
    public @Nullable SqlIdentifier from() {
        return from;
    }

    /** The query whose changes the sink emits, or null for {@code FROM object}. */
    public @Nullable SqlNode query() {
        return query;
    }

    public List<SqlOption> options() {
        return options;
    }

    public Map<String, String> optionMap() {
        return SqlOption.toMap(options);
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, SqlLiteral.createBoolean(ifNotExists, SqlParserPos.ZERO), from, query,
                new SqlNodeList(options, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE SINK");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        if (from != null) {
            writer.keyword("FROM");
            from.unparse(writer, 0, 0);
        } else {
            writer.keyword("AS");
            requireNonNull(query, "query is null").unparse(writer, 0, 0);
        }
        SqlOption.unparseWith(writer, options);
    }
}
