package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.apache.calcite.sql.SqlAlter;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/** {@code RESET name} or {@code RESET ALL} (name {@code all}); {@code RESET TIME ZONE} resets {@code timezone}. */
public final class SqlResetParameter extends SqlAlter {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("RESET", SqlKind.SET_OPTION);

    private final String name;

    public SqlResetParameter(SqlParserPos pos, @Nullable String alterScope, String name) {
        super(pos, alterScope);
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
    protected void unparseAlterOperation(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("RESET");
        if (isAll()) {
            writer.keyword("ALL");
        } else {
            ParameterNames.unparse(writer, name);
        }
    }
}
