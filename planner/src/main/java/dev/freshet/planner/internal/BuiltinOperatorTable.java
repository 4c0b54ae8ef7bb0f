package dev.freshet.planner.internal;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * Calcite's built-in operators, found whatever the case of the name. Freshet folds unquoted
 * names to lower case as PostgreSQL does, while Calcite registers its functions in upper case;
 * the catalog's case-sensitive matching must not hide {@code count} from {@code COUNT}.
 */
public final class BuiltinOperatorTable implements SqlOperatorTable {
    private static final SqlNameMatcher CASE_INSENSITIVE = SqlNameMatchers.withCaseSensitive(false);

    private final SqlOperatorTable delegate;

    public BuiltinOperatorTable(SqlOperatorTable delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category, SqlSyntax syntax,
            List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
        delegate.lookupOperatorOverloads(opName, category, syntax, operatorList, CASE_INSENSITIVE);
    }

    @Override
    public List<SqlOperator> getOperatorList() {
        return delegate.getOperatorList();
    }
}
