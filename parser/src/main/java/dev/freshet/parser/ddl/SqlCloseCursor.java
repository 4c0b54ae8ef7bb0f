package dev.freshet.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/** {@code CLOSE name} or {@code CLOSE ALL} (a null name). */
public final class SqlCloseCursor extends SqlCommand {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("CLOSE", SqlKind.OTHER);

    private final @Nullable SqlIdentifier cursorName;

    public SqlCloseCursor(SqlParserPos pos, @Nullable SqlIdentifier cursorName) {
        super(pos);
        this.cursorName = cursorName;
    }

    /** The cursor to close, or null for CLOSE ALL. */
    public @Nullable SqlIdentifier cursorName() {
        return cursorName;
    }

    public boolean isAll() {
        return cursorName == null;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(cursorName);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CLOSE");
        if (cursorName == null) {
            writer.keyword("ALL");
        } else {
            cursorName.unparse(writer, 0, 0);
        }
    }
}
