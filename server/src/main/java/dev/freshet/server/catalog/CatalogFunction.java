package dev.freshet.server.catalog;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.type.SqlTypeName;

import dev.freshet.planner.ContextualFunction;

/**
 * A catalog function as Calcite sees it: declared SQL parameter and return types, implemented by
 * a public static method of {@link PgFunctions}.
 *
 * <p>Calcite's own {@code ScalarFunctionImpl} cannot pass the plan's {@link DataContext} to a
 * method, and catalog functions need it to find the statement's {@link PgCatalogSnapshot}: when
 * the method's first parameter is a {@code DataContext}, the generated code passes the plan's
 * root there. Arguments may be NULL; each method decides what NULL gives (as PostgreSQL's strict
 * functions, mostly NULL).
 */
final class CatalogFunction implements ScalarFunction, ImplementableFunction, ContextualFunction {
    private final Method method;
    private final boolean takesContext;
    private final List<SqlTypeName> parameterTypes;
    private final SqlTypeName returnType;

    private CatalogFunction(Method method, boolean takesContext, List<SqlTypeName> parameterTypes,
            SqlTypeName returnType) {
        this.method = requireNonNull(method, "method is null");
        this.takesContext = takesContext;
        this.parameterTypes = List.copyOf(requireNonNull(parameterTypes, "parameterTypes is null"));
        this.returnType = requireNonNull(returnType, "returnType is null");
    }

    @Override
    public boolean readsContext() {
        return takesContext;
    }

    /**
     * The function implemented by the {@link PgFunctions} method of this name whose SQL
     * parameters (after an optional leading DataContext) are as many as {@code parameterTypes}.
     */
    static CatalogFunction of(String methodName, SqlTypeName returnType, SqlTypeName... parameterTypes) {
        for (Method candidate : PgFunctions.class.getMethods()) {
            if (!candidate.getName().equals(methodName) || !Modifier.isStatic(candidate.getModifiers())) {
                continue;
            }
            Class<?>[] javaTypes = candidate.getParameterTypes();
            boolean takesContext = javaTypes.length > 0 && javaTypes[0] == DataContext.class;
            int sqlParameters = javaTypes.length - (takesContext ? 1 : 0);
            if (sqlParameters == parameterTypes.length) {
                return new CatalogFunction(candidate, takesContext, List.of(parameterTypes), returnType);
            }
        }
        throw new IllegalArgumentException("PgFunctions has no method " + methodName + " with "
                + parameterTypes.length + " SQL parameters");
    }

    @Override
    public List<FunctionParameter> getParameters() {
        List<FunctionParameter> parameters = new ArrayList<>();
        for (int i = 0; i < parameterTypes.size(); i++) {
            parameters.add(new Parameter(i, parameterTypes.get(i)));
        }
        return parameters;
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
        return typeFactory.createTypeWithNullability(sqlType(typeFactory, returnType), true);
    }

    @Override
    public CallImplementor getImplementor() {
        return RexImpTable.createImplementor((translator, call, operands) -> {
            Class<?>[] javaTypes = method.getParameterTypes();
            List<Expression> arguments = new ArrayList<>();
            int offset = 0;
            if (takesContext) {
                arguments.add(translator.getRoot());
                offset = 1;
            }
            for (int i = 0; i < operands.size(); i++) {
                arguments.add(EnumUtils.convert(operands.get(i), javaTypes[offset + i]));
            }
            return Expressions.call(method, arguments);
        }, NullPolicy.NONE, false);
    }

    private static RelDataType sqlType(RelDataTypeFactory typeFactory, SqlTypeName type) {
        if (type == SqlTypeName.ARRAY) {
            return typeFactory.createArrayType(typeFactory.createSqlType(SqlTypeName.VARCHAR), -1);
        }
        return typeFactory.createSqlType(type);
    }

    /** One SQL parameter; PostgreSQL's catalog functions take positional arguments only. */
    private record Parameter(int ordinal, SqlTypeName type) implements FunctionParameter {
        @Override
        public int getOrdinal() {
            return ordinal;
        }

        @Override
        public String getName() {
            return "arg" + ordinal;
        }

        @Override
        public RelDataType getType(RelDataTypeFactory typeFactory) {
            return typeFactory.createTypeWithNullability(sqlType(typeFactory, type), true);
        }

        @Override
        public boolean isOptional() {
            return false;
        }
    }
}
