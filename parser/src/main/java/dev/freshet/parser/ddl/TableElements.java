package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The parenthesized body shared by CREATE TABLE and CREATE SOURCE: columns, an optional table-level
 * {@code PRIMARY KEY (a, b)} and an optional WATERMARK clause. Immutable.
 */
public final class TableElements {
    private final List<SqlColumnDeclaration> columns;
    private final List<SqlIdentifier> tablePrimaryKey;
    private final @Nullable SqlWatermark watermark;

    public TableElements(List<SqlColumnDeclaration> columns, List<SqlIdentifier> tablePrimaryKey,
            @Nullable SqlWatermark watermark) {
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.tablePrimaryKey = List.copyOf(requireNonNull(tablePrimaryKey, "tablePrimaryKey is null"));
        this.watermark = watermark;
    }

    public List<SqlColumnDeclaration> columns() {
        return columns;
    }

    /** The primary key column names: the table-level list, else the columns marked PRIMARY KEY; may be empty. */
    public List<String> primaryKey() {
        List<String> names = new ArrayList<>();
        for (SqlIdentifier identifier : tablePrimaryKey) {
            names.add(identifier.getSimple());
        }
        if (names.isEmpty()) {
            for (SqlColumnDeclaration column : columns) {
                if (column.primaryKey()) {
                    names.add(column.simpleName());
                }
            }
        }
        return List.copyOf(names);
    }

    public @Nullable SqlWatermark watermark() {
        return watermark;
    }

    boolean isEmpty() {
        return columns.isEmpty() && tablePrimaryKey.isEmpty() && watermark == null;
    }

    List<SqlNode> operands() {
        List<SqlNode> operands = new ArrayList<>();
        operands.add(new SqlNodeList(columns, SqlParserPos.ZERO));
        operands.add(new SqlNodeList(tablePrimaryKey, SqlParserPos.ZERO));
        operands.add(watermark);
        return operands;
    }

    void unparse(SqlWriter writer) {
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlColumnDeclaration column : columns) {
            writer.sep(",");
            column.unparse(writer, 0, 0);
        }
        if (!tablePrimaryKey.isEmpty()) {
            writer.sep(",");
            writer.keyword("PRIMARY KEY");
            SqlWriter.Frame keyFrame = writer.startList("(", ")");
            for (SqlIdentifier identifier : tablePrimaryKey) {
                writer.sep(",");
                identifier.unparse(writer, 0, 0);
            }
            writer.endList(keyFrame);
        }
        if (watermark != null) {
            writer.sep(",");
            watermark.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
