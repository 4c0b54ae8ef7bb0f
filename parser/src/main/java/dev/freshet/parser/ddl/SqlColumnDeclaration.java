package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A column of CREATE TABLE or CREATE SOURCE: {@code name type [NOT NULL | NULL] [PRIMARY KEY] [DEFAULT expr]}.
 *
 * <p>An inline {@code PRIMARY KEY} makes the column NOT NULL, as in PostgreSQL; the owning statement
 * also lists it in its primary key.
 */
public final class SqlColumnDeclaration extends SqlCall {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);

    private final SqlIdentifier name;
    private final SqlDataTypeSpec type;
    private final boolean nullable;
    private final boolean primaryKey;
    private final @Nullable SqlNode defaultValue;

    public SqlColumnDeclaration(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type, boolean nullable,
            boolean primaryKey, @Nullable SqlNode defaultValue) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.type = requireNonNull(type, "type is null");
        this.nullable = nullable && !primaryKey;
        this.primaryKey = primaryKey;
        this.defaultValue = defaultValue;
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The column name as a plain string (already case-folded by the parser). */
    public String simpleName() {
        return name.getSimple();
    }

    public SqlDataTypeSpec type() {
        return type;
    }

    public boolean nullable() {
        return nullable;
    }

    /** Whether the column itself carried {@code PRIMARY KEY}. */
    public boolean primaryKey() {
        return primaryKey;
    }

    /** The DEFAULT expression, or null when there is none. */
    public @Nullable SqlNode defaultValue() {
        return defaultValue;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, type, SqlLiteral.createBoolean(nullable, SqlParserPos.ZERO),
                SqlLiteral.createBoolean(primaryKey, SqlParserPos.ZERO), defaultValue);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        name.unparse(writer, 0, 0);
        type.unparse(writer, 0, 0);
        if (primaryKey) {
            writer.keyword("PRIMARY KEY");
        } else if (!nullable) {
            writer.keyword("NOT NULL");
        }
        if (defaultValue != null) {
            writer.keyword("DEFAULT");
            defaultValue.unparse(writer, 0, 0);
        }
    }
}
