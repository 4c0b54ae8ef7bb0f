package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What CREATE TABLE and CREATE SOURCE share: a name, column declarations with an optional
 * primary key and WATERMARK clause, and WITH options. Subclasses name the statement.
 */
public abstract class SqlCreateRelation extends SqlCreate {
    private final SqlIdentifier name;
    private final TableElements elements;
    private final List<SqlOption> options;

    protected SqlCreateRelation(SqlOperator operator, SqlParserPos pos, boolean ifNotExists, SqlIdentifier name,
            TableElements elements, List<SqlOption> options) {
        super(operator, pos, false, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        this.elements = requireNonNull(elements, "elements is null");
        this.options = List.copyOf(requireNonNull(options, "options is null"));
    }

    public SqlIdentifier name() {
        return name;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    public List<SqlColumnDeclaration> columns() {
        return elements.columns();
    }

    /** The primary key column names, in key order; empty when there is none. */
    public List<String> primaryKey() {
        return elements.primaryKey();
    }

    /** The WATERMARK clause, or null when there is none. */
    public @Nullable SqlWatermark watermark() {
        return elements.watermark();
    }

    public List<SqlOption> options() {
        return options;
    }

    public Map<String, String> optionMap() {
        return SqlOption.toMap(options);
    }

    /** The statement's keywords, such as {@code CREATE TABLE}. */
    protected abstract String keywords();

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> operands = new ArrayList<>();
        operands.add(name);
        operands.add(SqlLiteral.createBoolean(ifNotExists, SqlParserPos.ZERO));
        operands.addAll(elements.operands());
        operands.add(new SqlNodeList(options, SqlParserPos.ZERO));
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(keywords());
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        // A source's connector may define its columns; a table always has some.
        if (!elements.isEmpty()) {
            elements.unparse(writer);
        }
        SqlOption.unparseWith(writer, options);
    }
}
