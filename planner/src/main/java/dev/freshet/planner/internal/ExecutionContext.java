package dev.freshet.planner.internal;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

import dev.freshet.planner.TableReader;

/**
 * The {@link DataContext} a compiled plan runs in: parameter values ({@code ?0}, {@code ?1}, …),
 * the statement's clock and zone, the cancel flag Calcite's operators poll, and the reader the
 * stored tables scan through.
 */
public final class ExecutionContext implements DataContext {
    private final SchemaPlus rootSchema;
    private final JavaTypeFactory typeFactory;
    private final TableReader reader;
    private final List<Object> parameters;
    private final long currentTimeMillis;
    private final TimeZone timeZone;
    private final AtomicBoolean cancelFlag;
    private final String user;
    private final Map<String, Object> internalParameters;

    public ExecutionContext(SchemaPlus rootSchema, JavaTypeFactory typeFactory, TableReader reader,
            List<Object> parameters, TimeZone timeZone, AtomicBoolean cancelFlag, String user,
            Map<String, Object> internalParameters) {
        this.rootSchema = requireNonNull(rootSchema, "rootSchema is null");
        this.typeFactory = requireNonNull(typeFactory, "typeFactory is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.timeZone = requireNonNull(timeZone, "timeZone is null");
        this.cancelFlag = requireNonNull(cancelFlag, "cancelFlag is null");
        this.user = requireNonNull(user, "user is null");
        this.internalParameters = requireNonNull(internalParameters, "internalParameters is null");
        this.currentTimeMillis = System.currentTimeMillis();
    }

    /** The reader of the context a scan runs in. */
    public static TableReader reader(DataContext context) {
        if (context instanceof ExecutionContext executionContext) {
            return executionContext.reader;
        }
        throw new IllegalStateException("a stored table was scanned outside a Freshet execution context");
    }

    @Override
    public SchemaPlus getRootSchema() {
        return rootSchema;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return typeFactory;
    }

    @Override
    public QueryProvider getQueryProvider() {
        throw new UnsupportedOperationException("Freshet plans do not use Calcite's query provider");
    }

    @Override
    public Object get(String name) {
        if (name.startsWith("?")) {
            int index = Integer.parseInt(name.substring(1));
            return index < parameters.size() ? parameters.get(index) : null;
        }
        if (name.equals(Variable.CURRENT_TIMESTAMP.camelName) || name.equals(Variable.UTC_TIMESTAMP.camelName)) {
            return currentTimeMillis;
        }
        if (name.equals(Variable.LOCAL_TIMESTAMP.camelName)) {
            return currentTimeMillis + timeZone.getOffset(currentTimeMillis);
        }
        if (name.equals(Variable.TIME_ZONE.camelName)) {
            return timeZone;
        }
        if (name.equals(Variable.CANCEL_FLAG.camelName)) {
            return cancelFlag;
        }
        if (name.equals(Variable.LOCALE.camelName)) {
            // Formatting functions (to_char) need one; PostgreSQL's C locale is the root locale.
            return java.util.Locale.ROOT;
        }
        if (name.equals(Variable.USER.camelName) || name.equals(Variable.SYSTEM_USER.camelName)) {
            return user;
        }
        // Values the code generator stashed while compiling the plan (e.g. literals too big to inline).
        return internalParameters.get(name);
    }
}
