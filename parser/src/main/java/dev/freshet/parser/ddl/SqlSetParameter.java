package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.apache.calcite.sql.SqlAlter;
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
 * {@code SET [SESSION | LOCAL] name {= | TO} value [, value ...] | DEFAULT} and the PostgreSQL spellings that
 * set a named parameter: {@code SET TIME ZONE ...} (name {@code timezone}), {@code SET SCHEMA 'x'}
 * ({@code search_path}), {@code SET NAMES 'x'} ({@code client_encoding}).
 *
 * <p>The name is lower-cased unless quoted and may be dotted. Values are literals or identifiers
 * ({@code SET search_path TO public, "My Schema"}); no values means DEFAULT, and so does
 * {@code SET TIME ZONE LOCAL}. It extends {@link SqlAlter} because Calcite's grammar requires the SET
 * production to return one ({@code ALTER SESSION SET ...} reaches it too).
 */
public final class SqlSetParameter extends SqlAlter {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("SET", SqlKind.SET_OPTION);

    private final String name;
    private final boolean local;
    private final List<SqlNode> values;

    public SqlSetParameter(SqlParserPos pos, @Nullable String alterScope, String name, boolean local,
            List<SqlNode> values) {
        super(pos, alterScope);
        this.name = requireNonNull(name, "name is null");
        this.local = local;
        this.values = List.copyOf(requireNonNull(values, "values is null"));
    }

    public String name() {
        return name;
    }

    /** Whether the setting lasts only until the end of the current transaction ({@code SET LOCAL}). */
    public boolean local() {
        return local;
    }

    /** The values, literals or identifiers; empty for DEFAULT. */
    public List<SqlNode> values() {
        return values;
    }

    public boolean isDefault() {
        return values.isEmpty();
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(SqlLiteral.createCharString(name, SqlParserPos.ZERO),
                SqlLiteral.createBoolean(local, SqlParserPos.ZERO), new SqlNodeList(values, SqlParserPos.ZERO));
    }

    @Override
    protected void unparseAlterOperation(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SET");
        if (local) {
            writer.keyword("LOCAL");
        }
        ParameterNames.unparse(writer, name);
        writer.keyword("=");
        if (values.isEmpty()) {
            writer.keyword("DEFAULT");
            return;
        }
        SqlWriter.Frame frame = writer.startList("", "");
        for (SqlNode value : values) {
            writer.sep(",");
            value.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
