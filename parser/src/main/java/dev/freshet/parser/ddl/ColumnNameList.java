package dev.freshet.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlWriter;

/** Writes the optional {@code (col, ...)} list of CREATE VIEW and CREATE MATERIALIZED VIEW. */
final class ColumnNameList {
    private ColumnNameList() {
    }

    static void unparse(SqlWriter writer, List<SqlIdentifier> columnNames) {
        if (columnNames.isEmpty()) {
            return;
        }
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlIdentifier identifier : columnNames) {
            writer.sep(",");
            identifier.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
