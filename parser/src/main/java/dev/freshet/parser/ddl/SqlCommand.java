package dev.freshet.parser.ddl;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A statement that is a command to the server rather than a query or DDL (SHOW, SET, FLUSH, FETCH ...).
 * The server dispatches these itself; they never reach the validator.
 */
public abstract class SqlCommand extends SqlCall {
    protected SqlCommand(SqlParserPos pos) {
        super(pos);
    }
}
