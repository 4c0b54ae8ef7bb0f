package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code COPY (SUBSCRIBE ... | query) TO STDOUT [WITH (format = 'csv', ...)]}: rows streamed to the client
 * with the COPY-out protocol. The source is a {@link SqlSubscribe} or a query.
 */
public final class SqlCopyTo extends SqlCommand {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("COPY", SqlKind.OTHER);

    private final SqlNode source;
    private final List<SqlOption> options;

    public SqlCopyTo(SqlParserPos pos, SqlNode source, List<SqlOption> options) {
        super(pos);
        this.source = requireNonNull(source, "source is null");
        this.options = List.copyOf(requireNonNull(options, "options is null"));
    }

    /** A {@link SqlSubscribe} or a query. */
    public SqlNode source() {
        return source;
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
        return List.of(source, new SqlNodeList(options, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("COPY");
        SqlWriter.Frame frame = writer.startList("(", ")");
        source.unparse(writer, 0, 0);
        writer.endList(frame);
        writer.keyword("TO STDOUT");
        SqlOption.unparseWith(writer, options);
    }
}
