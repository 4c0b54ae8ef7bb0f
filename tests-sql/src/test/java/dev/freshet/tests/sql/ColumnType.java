package dev.freshet.tests.sql;

import static java.lang.String.format;

import java.sql.Types;
import java.util.Locale;
import java.util.Set;

/**
 * A letter of a query's type string ({@code query ITR}), one per result column.
 *
 * <p>The check is deliberately loose: it tells families of types apart (a count that comes back
 * as text is a bug; {@code int4} versus {@code int8} is not this check's business). A column is
 * accepted when its PostgreSQL type name (as pgjdbc reports it) is in the family or, for names
 * the family does not list, when its JDBC type is.
 */
public enum ColumnType {
    /** Character data: text, varchar, char, name. */
    TEXT('T', Set.of("text", "varchar", "bpchar", "char", "name", "character varying", "character"),
            Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR)),
    /** Exact whole numbers: smallint, integer, bigint. */
    INTEGER('I', Set.of("int2", "int4", "int8", "smallint", "integer", "bigint", "serial", "bigserial", "oid"),
            Set.of(Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.TINYINT)),
    /** Numbers with a fraction: real, double precision, numeric/decimal. */
    REAL('R', Set.of("float4", "float8", "real", "double precision", "numeric", "decimal"),
            Set.of(Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL)),
    /** boolean. */
    BOOLEAN('B', Set.of("bool", "boolean"), Set.of(Types.BOOLEAN, Types.BIT)),
    /** Dates and times: date, time, timestamp, timestamptz, interval. */
    TEMPORAL('D', Set.of("date", "time", "timetz", "timestamp", "timestamptz", "interval"),
            Set.of(Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE)),
    /** Binary strings: bytea. */
    BINARY('X', Set.of("bytea"), Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY)),
    /** Any type: for columns whose type the test does not care about. */
    ANY('?', Set.of(), Set.of());

    private final char letter;
    private final Set<String> typeNames;
    private final Set<Integer> jdbcTypes;

    ColumnType(char letter, Set<String> typeNames, Set<Integer> jdbcTypes) {
        this.letter = letter;
        this.typeNames = typeNames;
        this.jdbcTypes = jdbcTypes;
    }

    public char letter() {
        return letter;
    }

    /**
     * The type a letter stands for.
     *
     * @throws IllegalArgumentException for a letter that names no type
     */
    public static ColumnType forLetter(char letter) {
        for (ColumnType type : values()) {
            if (type.letter == letter) {
                return type;
            }
        }
        throw new IllegalArgumentException(format(
                "unknown column type letter '%s' (use T text, I integer, R real/numeric, B boolean, "
                        + "D date/time, X bytea, ? any)", letter));
    }

    /** Whether a result column of this PostgreSQL type name (pgjdbc's) and JDBC type belongs to this family. */
    public boolean accepts(String typeName, int jdbcType) {
        if (this == ANY) {
            return true;
        }
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (typeNames.contains(name)) {
            return true;
        }
        return !isKnownToAnyFamily(name) && jdbcTypes.contains(jdbcType);
    }

    private static boolean isKnownToAnyFamily(String typeName) {
        for (ColumnType type : values()) {
            if (type.typeNames.contains(typeName)) {
                return true;
            }
        }
        return false;
    }
}
