package dev.freshet.parser.ddl;

import org.apache.calcite.sql.SqlWriter;

/** Writes a possibly dotted session parameter name ({@code search_path}, {@code freshet.epoch_interval}). */
final class ParameterNames {
    private ParameterNames() {
    }

    static void unparse(SqlWriter writer, String name) {
        String[] parts = name.split("\\.", -1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                text.append('.');
            }
            text.append('"').append(parts[i].replace("\"", "\"\"")).append('"');
        }
        writer.print(text.toString());
        writer.print(" ");
    }
}
