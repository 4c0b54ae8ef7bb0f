package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * One {@code key = value} entry of a {@code WITH (...)} clause.
 *
 * <p>The key is kept as the user wrote it after PostgreSQL folding: an unquoted key is lower-cased,
 * a double-quoted key ({@code "properties.bootstrap.servers"}) or a string-literal key is kept as
 * written. The value is a string, numeric or boolean literal.
 */
public final class SqlOption extends SqlCall {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("OPTION", SqlKind.OTHER);

    private static final Pattern SIMPLE_KEY = Pattern.compile("[a-z_][a-z0-9_]*");

    private final String key;
    private final SqlLiteral value;

    public SqlOption(SqlParserPos pos, String key, SqlLiteral value) {
        super(pos);
        this.key = requireNonNull(key, "key is null");
        this.value = requireNonNull(value, "value is null");
    }

    public String key() {
        return key;
    }

    public SqlLiteral value() {
        return value;
    }

    /** The value as text: strings unquoted, numbers as written, booleans as {@code true}/{@code false}. */
    public String valueAsString() {
        if (value.getTypeName() == SqlTypeName.BOOLEAN) {
            return String.valueOf(value.booleanValue());
        }
        if (value.getTypeName() == SqlTypeName.NULL) {
            return "null";
        }
        String text = value.toValue();
        return requireNonNull(text, "text is null");
    }

    /** The options as an insertion-ordered, unmodifiable map of key to {@link #valueAsString()}. */
    public static Map<String, String> toMap(List<SqlOption> options) {
        Map<String, String> map = new LinkedHashMap<>();
        for (SqlOption option : options) {
            map.put(option.key(), option.valueAsString());
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(SqlLiteral.createCharString(key, SqlParserPos.ZERO), value);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        // A key that would not survive unquoted (dots, upper case) must be written quoted.
        writer.identifier(key, !SIMPLE_KEY.matcher(key).matches());
        writer.keyword("=");
        value.unparse(writer, leftPrec, rightPrec);
    }

    /** Writes {@code WITH (k = v, ...)}, or nothing when there are no options. */
    static void unparseWith(SqlWriter writer, List<SqlOption> options) {
        if (options.isEmpty()) {
            return;
        }
        writer.keyword("WITH");
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlOption option : options) {
            writer.sep(",");
            option.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
