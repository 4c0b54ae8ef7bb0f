package dev.freshet.common;

import static java.util.Objects.requireNonNull;

/**
 * The errors Freshet reports, each owning the PostgreSQL SQLSTATE a client sees.
 *
 * <p>Codes follow PostgreSQL's Appendix A so that psql, pgjdbc and BI tools react to them as they
 * would to PostgreSQL itself (pgjdbc, for example, maps class 08 to a broken connection). Add an
 * entry here rather than reusing a near miss: the SQLSTATE is part of the user contract.
 */
public enum ErrorCode {
    // Class 08: connection exceptions
    CONNECTION_FAILURE("08006"),
    PROTOCOL_VIOLATION("08P01"),

    // Class 0A: feature not supported
    FEATURE_NOT_SUPPORTED("0A000"),

    // Class 22: data exceptions
    DATA_EXCEPTION("22000"),
    STRING_DATA_RIGHT_TRUNCATION("22001"),
    NUMERIC_VALUE_OUT_OF_RANGE("22003"),
    NULL_VALUE_NOT_ALLOWED("22004"),
    INVALID_DATETIME_FORMAT("22007"),
    DATETIME_FIELD_OVERFLOW("22008"),
    DIVISION_BY_ZERO("22012"),
    INVALID_PARAMETER_VALUE("22023"),
    INVALID_BINARY_REPRESENTATION("22P03"),
    INVALID_TEXT_REPRESENTATION("22P02"),
    CHARACTER_NOT_IN_REPERTOIRE("22021"),
    INVALID_REGULAR_EXPRESSION("2201B"),

    // Class 23: integrity constraint violations
    NOT_NULL_VIOLATION("23502"),
    UNIQUE_VIOLATION("23505"),

    // Class 25: invalid transaction state
    ACTIVE_SQL_TRANSACTION("25001"),
    NO_ACTIVE_SQL_TRANSACTION("25P01"),
    IN_FAILED_SQL_TRANSACTION("25P02"),

    // Class 26 and 34: prepared statements and portals
    INVALID_SQL_STATEMENT_NAME("26000"),
    INVALID_CURSOR_NAME("34000"),

    // Class 28: authorization
    INVALID_AUTHORIZATION_SPECIFICATION("28000"),
    INVALID_PASSWORD("28P01"),

    // Class 2B: dependent objects
    DEPENDENT_OBJECTS_STILL_EXIST("2BP01"),

    // Class 3D: invalid catalog name
    INVALID_CATALOG_NAME("3D000"),

    // Class 42: syntax errors and access rule violations
    /** A statement that is well-formed but invalid in a way no finer code below describes. */
    INVALID_STATEMENT("42000"),
    SYNTAX_ERROR("42601"),
    INSUFFICIENT_PRIVILEGE("42501"),
    INVALID_NAME("42602"),
    INVALID_COLUMN_DEFINITION("42611"),
    AMBIGUOUS_COLUMN("42702"),
    UNDEFINED_COLUMN("42703"),
    UNDEFINED_OBJECT("42704"),
    DUPLICATE_OBJECT("42710"),
    DUPLICATE_COLUMN("42701"),
    GROUPING_ERROR("42803"),
    DATATYPE_MISMATCH("42804"),
    WRONG_OBJECT_TYPE("42809"),
    UNDEFINED_FUNCTION("42883"),
    UNDEFINED_TABLE("42P01"),
    UNDEFINED_PARAMETER("42P02"),
    DUPLICATE_CURSOR("42P03"),
    DUPLICATE_PREPARED_STATEMENT("42P05"),
    DUPLICATE_TABLE("42P07"),
    INVALID_TABLE_DEFINITION("42P16"),
    INDETERMINATE_DATATYPE("42P18"),

    // Class 53 and 54: resources and limits
    TOO_MANY_CONNECTIONS("53300"),
    CONFIGURATION_LIMIT_EXCEEDED("53400"),
    PROGRAM_LIMIT_EXCEEDED("54000"),

    // Class 55 and 57: object state, operator intervention
    OBJECT_NOT_IN_PREREQUISITE_STATE("55000"),
    CANT_CHANGE_RUNTIME_PARAM("55P02"),
    LOCK_NOT_AVAILABLE("55P03"),
    QUERY_CANCELED("57014"),
    ADMIN_SHUTDOWN("57P01"),

    // Class 58 and XX: system and internal errors
    IO_ERROR("58030"),
    INTERNAL_ERROR("XX000");

    private final String sqlState;

    ErrorCode(String sqlState) {
        this.sqlState = requireNonNull(sqlState, "sqlState is null");
    }

    /** The five-character SQLSTATE sent in the ErrorResponse's {@code C} field. */
    public String sqlState() {
        return sqlState;
    }
}
