package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code FETCH [FORWARD] [n | ALL | NEXT] [FROM | IN] cursor [WITH (timeout = '1s')]}. {@link #count()} is
 * the number of rows (1 for NEXT or when omitted), or {@link #ALL} for ALL. The options matter for a cursor
 * over SUBSCRIBE, whose FETCH waits for changes.
 */
public final class SqlFetch extends SqlCommand {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("FETCH", SqlKind.OTHER);

    /** The count meaning "all remaining rows". */
    public static final long ALL = Long.MAX_VALUE;

    private final long count;
    private final SqlIdentifier cursorName;
    private final List<SqlOption> options;

    public SqlFetch(SqlParserPos pos, long count, SqlIdentifier cursorName, List<SqlOption> options) {
        super(pos);
        if (count < 0) {
            throw new IllegalArgumentException("count is negative: " + count);
        }
        this.count = count;
        this.cursorName = requireNonNull(cursorName, "cursorName is null");
        this.options = List.copyOf(requireNonNull(options, "options is null"));
    }

    public long count() {
        return count;
    }

    public boolean isAll() {
        return count == ALL;
    }

    public SqlIdentifier cursorName() {
        return cursorName;
    }

    public List<SqlOption> options() {
        return options;
    }

    public Map<String, String> optionMap() {
        return SqlOption.toMap(options);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createExactNumeric(Long.toString(count), SqlParserPos.ZERO), cursorName,
                new SqlNodeList(options, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("FETCH");
        if (isAll()) {
            writer.keyword("ALL");
        } else {
            writer.print(Long.toString(count));
            writer.print(" ");
        }
        writer.keyword("FROM");
        cursorName.unparse(writer, 0, 0);
        SqlOption.unparseWith(writer, options);
    }
}
