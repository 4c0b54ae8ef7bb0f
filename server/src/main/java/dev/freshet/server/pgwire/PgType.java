package dev.freshet.server.pgwire;

/**
 * The PostgreSQL types Freshet sends and receives, with their OIDs and the Java class that
 * carries a value of each type between the protocol and the session.
 *
 * <p>Value classes (null is SQL NULL for every type):
 * <ul>
 *   <li>BOOL: {@link Boolean}; INT2: {@link Short}; INT4: {@link Integer}; INT8, OID and the reg*
 *       types: {@link Long}; FLOAT4: {@link Float}; FLOAT8: {@link Double};
 *       NUMERIC: {@link java.math.BigDecimal}</li>
 *   <li>TEXT, VARCHAR, BPCHAR, NAME, CHAR, JSON, UNKNOWN: {@link String}</li>
 *   <li>BYTEA: {@code byte[]}</li>
 *   <li>DATE: {@link java.time.LocalDate}; TIME: {@link java.time.LocalTime};
 *       TIMESTAMP: {@link java.time.LocalDateTime}; TIMESTAMPTZ: {@link java.time.OffsetDateTime}
 *       (rendered in the session's TimeZone); INTERVAL: {@link PgInterval}</li>
 *   <li>array types: {@link java.util.List} of the element type's class</li>
 * </ul>
 * Encoders accept any {@link Number} for the numeric types, converting exactly or failing.
 */
public enum PgType {
    UNSPECIFIED(0, 0, null, -2),
    BOOL(16, 1000, "bool", 1),
    BYTEA(17, 1001, "bytea", -1),
    CHAR(18, 1002, "char", 1),
    NAME(19, 1003, "name", 64),
    INT8(20, 1016, "int8", 8),
    INT2(21, 1005, "int2", 2),
    INT2VECTOR(22, 1006, "int2vector", -1),
    INT4(23, 1007, "int4", 4),
    REGPROC(24, 1008, "regproc", 4),
    TEXT(25, 1009, "text", -1),
    OID(26, 1028, "oid", 4),
    OIDVECTOR(30, 1013, "oidvector", -1),
    JSON(114, 199, "json", -1),
    FLOAT4(700, 1021, "float4", 4),
    FLOAT8(701, 1022, "float8", 8),
    UNKNOWN(705, 0, "unknown", -2),
    BPCHAR(1042, 1014, "bpchar", -1),
    VARCHAR(1043, 1015, "varchar", -1),
    DATE(1082, 1182, "date", 4),
    TIME(1083, 1183, "time", 8),
    TIMESTAMP(1114, 1115, "timestamp", 8),
    TIMESTAMPTZ(1184, 1185, "timestamptz", 8),
    INTERVAL(1186, 1187, "interval", 16),
    NUMERIC(1700, 1231, "numeric", -1),
    REGCLASS(2205, 2210, "regclass", 4),
    REGTYPE(2206, 2211, "regtype", 4),
    BOOL_ARRAY(1000, 0, "_bool", -1),
    INT2_ARRAY(1005, 0, "_int2", -1),
    INT4_ARRAY(1007, 0, "_int4", -1),
    INT8_ARRAY(1016, 0, "_int8", -1),
    TEXT_ARRAY(1009, 0, "_text", -1),
    VARCHAR_ARRAY(1015, 0, "_varchar", -1),
    OID_ARRAY(1028, 0, "_oid", -1),
    FLOAT4_ARRAY(1021, 0, "_float4", -1),
    FLOAT8_ARRAY(1022, 0, "_float8", -1),
    CHAR_ARRAY(1002, 0, "_char", -1),
    NAME_ARRAY(1003, 0, "_name", -1);

    private final int oid;
    private final int arrayOid;
    private final String typeName;
    private final int typeLength;

    PgType(int oid, int arrayOid, String typeName, int typeLength) {
        this.oid = oid;
        this.arrayOid = arrayOid;
        this.typeName = typeName;
        this.typeLength = typeLength;
    }

    /** The type's OID in {@code pg_type}; 0 for {@link #UNSPECIFIED}. */
    public int oid() {
        return oid;
    }

    /** The OID of the array type whose elements are of this type, 0 when there is none. */
    public int arrayOid() {
        return arrayOid;
    }

    /** The name in {@code pg_type.typname}, null for {@link #UNSPECIFIED}. */
    public String typeName() {
        return typeName;
    }

    /** {@code pg_type.typlen}: the fixed size in bytes, -1 for variable length, -2 for C strings. */
    public int typeLength() {
        return typeLength;
    }

    /** The type with this OID, or {@link #UNSPECIFIED} when Freshet does not know it. */
    public static PgType fromOid(int oid) {
        for (PgType type : values()) {
            if (type.oid == oid) {
                return type;
            }
        }
        return UNSPECIFIED;
    }
}
