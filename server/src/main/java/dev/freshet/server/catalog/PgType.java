package dev.freshet.server.catalog;

import java.util.HashMap;
import java.util.Map;

import org.apache.calcite.sql.type.SqlTypeName;

import dev.freshet.planner.DataType;

/**
 * The PostgreSQL types {@code pg_type} lists, with PostgreSQL's OIDs and properties, and the
 * Calcite type a system-table column of that type has inside Freshet's plans.
 *
 * <p>OID-like types ({@code oid}, {@code regclass}, {@code regproc}, …) are BIGINT in plans so
 * that every OID fits unsigned; {@code name}, {@code "char"} and the vector and array types that
 * catalog tables use are VARCHAR, holding PostgreSQL's text form ({@code "1 2"}, {@code "{0}"}).
 */
public enum PgType {
    BOOL("B", SqlTypeName.BOOLEAN, "boolin"),
    BYTEA("U", SqlTypeName.VARBINARY, "byteain"),
    CHAR("Z", SqlTypeName.VARCHAR, "charin"),
    NAME("S", SqlTypeName.VARCHAR, "namein"),
    INT8("N", SqlTypeName.BIGINT, "int8in"),
    INT2("N", SqlTypeName.SMALLINT, "int2in"),
    INT2VECTOR("A", SqlTypeName.VARCHAR, "int2vectorin"),
    INT4("N", SqlTypeName.INTEGER, "int4in"),
    REGPROC("N", SqlTypeName.VARCHAR, "regprocin"),
    TEXT("S", SqlTypeName.VARCHAR, "textin"),
    OID("N", SqlTypeName.BIGINT, "oidin"),
    OIDVECTOR("A", SqlTypeName.VARCHAR, "oidvectorin"),
    FLOAT4("N", SqlTypeName.REAL, "float4in"),
    FLOAT8("N", SqlTypeName.DOUBLE, "float8in"),
    BPCHAR("S", SqlTypeName.VARCHAR, "bpcharin"),
    VARCHAR("S", SqlTypeName.VARCHAR, "varcharin"),
    DATE("D", SqlTypeName.DATE, "date_in"),
    TIME("D", SqlTypeName.TIME, "time_in"),
    TIMESTAMP("D", SqlTypeName.TIMESTAMP, "timestamp_in"),
    TIMESTAMPTZ("D", SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, "timestamptz_in"),
    INTERVAL("T", SqlTypeName.INTERVAL_DAY_SECOND, "interval_in"),
    NUMERIC("N", SqlTypeName.DECIMAL, "numeric_in"),
    REGCLASS("N", SqlTypeName.BIGINT, "regclassin"),
    REGTYPE("N", SqlTypeName.BIGINT, "regtypein"),
    /** {@code aclitem[]}, {@code text[]} and other arrays in catalog tables: their text form. */
    TEXT_ARRAY("A", SqlTypeName.VARCHAR, "array_in"),
    /**
     * {@code "char"[]} and {@code oid[]} columns that queries search with {@code = any(…)} and
     * compare with text literals ({@code polroles = '{0}'}): Calcite's ANY type, which both
     * validate against (an ARRAY column refuses the literal, a VARCHAR one the search).
     */
    CHAR_ARRAY("A", SqlTypeName.ANY, "array_in"),
    OID_ARRAY("A", SqlTypeName.ANY, "array_in");

    /** PostgreSQL's variable-length header: typmods of varchar and numeric count it. */
    private static final int VARHDRSZ = 4;

    private static final Map<Long, PgType> BY_OID = new HashMap<>();

    static {
        for (PgType type : values()) {
            if (!type.isColumnOnly()) {
                BY_OID.put(type.oid, type);
            }
        }
    }

    private final long oid;
    private final String typeName;
    private final int length;
    private final String category;
    private final SqlTypeName calciteType;
    private final long arrayOid;
    private final String inputFunction;

    /**
     * The wire protocol's type of the same name owns the OID, name, length and array OID; this
     * enum adds what the catalog needs on top.
     */
    PgType(String category, SqlTypeName calciteType, String inputFunction) {
        dev.freshet.server.pgwire.PgType wire = dev.freshet.server.pgwire.PgType.valueOf(name());
        this.oid = wire.oid();
        this.typeName = wire.typeName();
        this.length = wire.typeLength();
        this.category = category;
        this.calciteType = calciteType;
        this.arrayOid = wire.arrayOid();
        this.inputFunction = inputFunction;
    }

    public long oid() {
        return oid;
    }

    /** The name {@code pg_type.typname} holds, e.g. {@code int4}. */
    public String typeName() {
        return typeName;
    }

    /** {@code typlen}: the fixed size in bytes, or -1 for variable-length types. */
    public int length() {
        return length;
    }

    /** {@code typcategory}: B boolean, N numeric, S string, D date/time, T timespan, U user, A array. */
    public String category() {
        return category;
    }

    public SqlTypeName calciteType() {
        return calciteType;
    }

    /** The OID of the array type over this one, or 0 when it has none. */
    public long arrayOid() {
        return arrayOid;
    }

    public String inputFunction() {
        return inputFunction;
    }

    /**
     * True for the array types that exist only to give catalog columns a usable Calcite type; pg_type
     * lists the arrays of the base types instead.
     */
    public boolean isColumnOnly() {
        return this == TEXT_ARRAY || this == CHAR_ARRAY || this == OID_ARRAY;
    }

    /** True for types whose values are collatable text, whose {@code typcollation} is "default". */
    public boolean isCollatable() {
        return this == TEXT || this == VARCHAR || this == BPCHAR || this == NAME;
    }

    /** The type with this OID, or null when PostgreSQL's OID is none Freshet lists. */
    public static PgType byOid(long oid) {
        return BY_OID.get(oid);
    }

    /** The PostgreSQL type a column of a Freshet type has. */
    public static PgType of(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> BOOL;
            case SMALLINT -> INT2;
            case INTEGER -> INT4;
            case BIGINT -> INT8;
            case REAL -> FLOAT4;
            case DOUBLE -> FLOAT8;
            case DECIMAL -> NUMERIC;
            case VARCHAR -> type.precision() < 0 ? TEXT : VARCHAR;
            case BYTEA -> BYTEA;
            case DATE -> DATE;
            case TIME -> TIME;
            case TIMESTAMP -> TIMESTAMP;
            case TIMESTAMPTZ -> TIMESTAMPTZ;
            case INTERVAL -> INTERVAL;
        };
    }

    /**
     * PostgreSQL's {@code atttypmod} of a column of a Freshet type: the declared length plus the
     * header for varchar, {@code (precision << 16 | scale)} plus the header for numeric, and -1
     * for types declared without modifier.
     */
    public static int typmod(DataType type) {
        if (type.kind() == DataType.Kind.VARCHAR && type.precision() >= 0) {
            return type.precision() + VARHDRSZ;
        }
        if (type.kind() == DataType.Kind.DECIMAL && type.precision() >= 0) {
            return ((type.precision() << 16) | Math.max(type.scale(), 0)) + VARHDRSZ;
        }
        return -1;
    }

    /**
     * What PostgreSQL's {@code format_type(oid, typmod)} prints: the SQL name of the type with its
     * modifier, e.g. {@code character varying(20)} or {@code numeric(10,2)}; as PostgreSQL, {@code ???}
     * for an OID that is no type and {@code -} for 0.
     */
    public static String formatType(long oid, int typmod) {
        PgType type = byOid(oid);
        if (type == null) {
            return oid == 0 ? "-" : "???";
        }
        return switch (type) {
            case BOOL -> "boolean";
            case CHAR -> "\"char\"";
            case INT8 -> "bigint";
            case INT2 -> "smallint";
            case INT4 -> "integer";
            case FLOAT4 -> "real";
            case FLOAT8 -> "double precision";
            case BPCHAR -> typmod > VARHDRSZ ? "character(" + (typmod - VARHDRSZ) + ")" : "bpchar";
            case VARCHAR -> typmod > VARHDRSZ ? "character varying(" + (typmod - VARHDRSZ) + ")" : "character varying";
            case TIME -> "time without time zone";
            case TIMESTAMP -> "timestamp without time zone";
            case TIMESTAMPTZ -> "timestamp with time zone";
            case NUMERIC -> typmod >= VARHDRSZ
                    ? "numeric(" + (((typmod - VARHDRSZ) >> 16) & 0xffff) + "," + ((typmod - VARHDRSZ) & 0xffff) + ")"
                    : "numeric";
            default -> type.typeName;
        };
    }
}
