package dev.freshet.parser;

import java.util.Locale;
import java.util.Map;

import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How Freshet's parser represents PostgreSQL type names, for the planner that resolves them.
 *
 * <ul>
 *   <li>Names Calcite already parses stay Calcite's {@code SqlBasicTypeNameSpec}: BOOLEAN, SMALLINT, INT/INTEGER,
 *       BIGINT, REAL, DOUBLE [PRECISION], DECIMAL/NUMERIC, CHAR, VARCHAR (with or without length),
 *       CHARACTER VARYING, DATE, TIME [WITHOUT TIME ZONE], TIMESTAMP [WITHOUT TIME ZONE], VARBINARY.</li>
 *   <li>PostgreSQL aliases listed in {@link #aliasedType(String)} (TEXT, BYTEA, BOOL, INT2, INT4, INT8, FLOAT4,
 *       FLOAT8, TIMESTAMPTZ) become {@code SqlAlienSystemTypeNameSpec}: the Calcite type of the alias, with the
 *       PostgreSQL spelling kept for unparsing. TEXT is VARCHAR without length, as in PostgreSQL.</li>
 *   <li>{@code TIMESTAMPTZ} and {@code TIMESTAMP WITH TIME ZONE} both become
 *       {@link SqlTypeName#TIMESTAMP_WITH_LOCAL_TIME_ZONE}: PostgreSQL's timestamptz is an instant shown in the
 *       session's time zone, which is exactly Calcite's local-time-zone timestamp; Calcite's TIMESTAMP_TZ keeps
 *       a per-value offset and has little runtime support.</li>
 *   <li>Everything else that is a name ({@code regclass}, {@code regtype}, {@code regproc}, {@code oid},
 *       {@code name}, {@code json}, ...) is Calcite's {@code SqlUserDefinedTypeNameSpec} with the lower-cased
 *       name, for the planner to resolve or reject.</li>
 *   <li>{@code INTERVAL} without a qualifier: as a column type, a {@code SqlUserDefinedTypeNameSpec} named
 *       {@code interval}; in {@code CAST(x AS INTERVAL)} and {@code x::interval}, Calcite's interval-without-
 *       qualifier cast operand.</li>
 * </ul>
 */
public final class PostgresTypeNames {
    private static final Map<String, SqlTypeName> ALIASES = Map.of(
            "text", SqlTypeName.VARCHAR,
            "bytea", SqlTypeName.VARBINARY,
            "bool", SqlTypeName.BOOLEAN,
            "int2", SqlTypeName.SMALLINT,
            "int4", SqlTypeName.INTEGER,
            "int8", SqlTypeName.BIGINT,
            "float4", SqlTypeName.REAL,
            "float8", SqlTypeName.DOUBLE,
            "timestamptz", SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);

    private PostgresTypeNames() {
    }

    /** The Calcite type a PostgreSQL alias (any case) stands for, or null when the name is not an alias. */
    public static @Nullable SqlTypeName aliasedType(String name) {
        return ALIASES.get(name.toLowerCase(Locale.ROOT));
    }
}
