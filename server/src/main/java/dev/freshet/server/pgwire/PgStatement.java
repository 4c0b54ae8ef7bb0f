package dev.freshet.server.pgwire;

import java.util.List;

/**
 * A parsed and analyzed statement: what the extended protocol's Parse creates and Describe
 * (statement) reports. Immutable once prepared; it may be bound many times.
 */
public interface PgStatement {
    /** The types of $1, $2, …, as declared by the client or inferred; empty without parameters. */
    List<PgType> parameterTypes();

    /**
     * The columns of the rows the statement returns; empty for a statement that returns none
     * (DDL, DML without RETURNING), for which Describe answers NoData.
     */
    List<PgColumn> columns();

    /**
     * Creates a portal that will run the statement with these parameter values.
     *
     * @param parameters one value per parameter, each null or of the Java class {@link PgType}
     *     documents for its type
     */
    PgPortal bind(List<Object> parameters);
}
