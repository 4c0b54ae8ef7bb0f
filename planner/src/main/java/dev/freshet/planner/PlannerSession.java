package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.TimeZone;

import org.apache.calcite.sql.parser.SqlParser;

/**
 * Everything a statement is planned with: the catalog snapshot it sees, the parser rules, the
 * schema extensions, and the session's settings that change meaning (time zone, user).
 *
 * @param catalog the catalog snapshot
 * @param parserConfig the parser configuration (views and DEFAULT expressions are re-parsed with it)
 * @param extensions the schemas added beside {@code public}
 * @param timeZone the session's TimeZone, for CURRENT_TIMESTAMP and TIMESTAMPTZ arithmetic
 * @param user the session's user, for CURRENT_USER
 * @param database the session's database, for current_database()
 */
public record PlannerSession(Catalog catalog, SqlParser.Config parserConfig, List<SchemaExtension> extensions,
        TimeZone timeZone, String user, String database) {
    public PlannerSession {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(parserConfig, "parserConfig is null");
        extensions = List.copyOf(requireNonNull(extensions, "extensions is null"));
        requireNonNull(timeZone, "timeZone is null");
        requireNonNull(user, "user is null");
        requireNonNull(database, "database is null");
    }
}
