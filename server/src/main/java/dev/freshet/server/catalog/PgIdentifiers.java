package dev.freshet.server.catalog;

import java.util.Set;

/**
 * Quotes identifiers the way PostgreSQL's {@code quote_ident} and its catalog printers do:
 * bare when lower-case, made of letters, digits and underscores and not a reserved word;
 * double-quoted otherwise, with inner quotes doubled.
 */
final class PgIdentifiers {
    /** PostgreSQL's reserved keywords: a column named like one must be quoted to parse. */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date",
            "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc",
            "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant",
            "group", "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit",
            "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing",
            "primary", "references", "returning", "select", "session_user", "some", "symmetric", "system_user",
            "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when",
            "where", "window", "with");

    private PgIdentifiers() {
    }

    static String quote(String identifier) {
        if (isSafe(identifier)) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static boolean isSafe(String identifier) {
        if (identifier.isEmpty() || RESERVED.contains(identifier)) {
            return false;
        }
        char first = identifier.charAt(0);
        if (!(first >= 'a' && first <= 'z') && first != '_') {
            return false;
        }
        for (int i = 1; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_' && c != '$') {
                return false;
            }
        }
        return true;
    }
}
