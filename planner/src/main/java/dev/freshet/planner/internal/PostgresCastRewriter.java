package dev.freshet.planner.internal;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Gives CASTs PostgreSQL's meaning where Calcite's differs, after conversion to relational
 * algebra so that implicit casts (an INSERT's string literal into a timestamptz column) are
 * covered as well as written ones:
 * <ul>
 *   <li>text to timestamp, timestamptz, interval, bytea and boolean read PostgreSQL's text forms
 *       ({@link PostgresCasts});</li>
 *   <li>boolean and timestamptz to text write them;</li>
 *   <li>numeric to an integer type rounds half away from zero instead of truncating;</li>
 *   <li>{@code substring(text FROM 'pattern')}: Calcite knows only the position form and casts the
 *       text to a number; PostgreSQL takes the pattern form, a regular expression
 *       ({@link PostgresPatterns}).</li>
 * </ul>
 */
public final class PostgresCastRewriter extends RexShuttle {
    private static final SqlUserDefinedFunction TEXT_TO_TIMESTAMPTZ = function("textToTimestampTz");
    private static final SqlUserDefinedFunction TEXT_TO_TIMESTAMP = function("textToTimestamp");
    private static final SqlUserDefinedFunction TIMESTAMPTZ_TO_TEXT = function("timestampTzToText");
    private static final SqlUserDefinedFunction TEXT_TO_INTERVAL = function("textToInterval");
    private static final SqlUserDefinedFunction TEXT_TO_BYTEA = function("textToBytea");
    private static final SqlUserDefinedFunction TEXT_TO_BOOLEAN = function("textToBoolean");
    private static final SqlUserDefinedFunction BOOLEAN_TO_TEXT = function("booleanToText");
    private static final SqlUserDefinedFunction SUBSTRING_MATCHING = new SqlUserDefinedFunction(
            new SqlIdentifier("pg_substring_matching", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0,
            InferTypes.RETURN_TYPE, null, ScalarFunctionImpl.create(PostgresPatterns.class, "substringMatching"));

    private final RexBuilder rexBuilder;
    private final String zone;

    private PostgresCastRewriter(RexBuilder rexBuilder, String zone) {
        this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
        this.zone = requireNonNull(zone, "zone is null");
    }

    /** Rewrites the casts of every expression in the plan. */
    public static RelNode rewrite(RelNode rel, String zone) {
        PostgresCastRewriter casts = new PostgresCastRewriter(rel.getCluster().getRexBuilder(), zone);
        return rel.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                return super.visit(other).accept(casts);
            }
        });
    }

    private static SqlUserDefinedFunction function(String method) {
        return new SqlUserDefinedFunction(new SqlIdentifier("pg_" + method, SqlParserPos.ZERO),
                SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0, InferTypes.RETURN_TYPE, null,
                ScalarFunctionImpl.create(PostgresCasts.class, method));
    }

    @Override
    public RexNode visitCall(RexCall call) {
        RexNode visited = super.visitCall(call);
        if (visited instanceof RexCall substring && substring.getOperator() == SqlStdOperatorTable.SUBSTRING
                && substring.getOperands().size() == 2) {
            RexNode pattern = castText(substring.getOperands().get(1));
            if (pattern != null) {
                // NULL when nothing matches, whatever the arguments' nullability.
                RelDataType text = rexBuilder.getTypeFactory().createTypeWithNullability(
                        rexBuilder.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), true);
                return rexBuilder.makeCall(text, SUBSTRING_MATCHING, List.of(substring.getOperands().get(0), pattern));
            }
        }
        if (visited.getKind() != SqlKind.CAST || !(visited instanceof RexCall cast)) {
            return visited;
        }
        RexNode operand = cast.getOperands().get(0);
        RelDataType target = cast.getType();
        SqlTypeName from = operand.getType().getSqlTypeName();
        SqlTypeName to = target.getSqlTypeName();
        boolean fromText = SqlTypeName.CHAR_TYPES.contains(from);
        if (fromText && to == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
            return call(TEXT_TO_TIMESTAMPTZ, target, operand, rexBuilder.makeLiteral(zone));
        }
        if (fromText && to == SqlTypeName.TIMESTAMP) {
            return call(TEXT_TO_TIMESTAMP, target, operand);
        }
        if (fromText && SqlTypeFamily.INTERVAL_DAY_TIME.getTypeNames().contains(to)) {
            return call(TEXT_TO_INTERVAL, target, operand);
        }
        if (fromText && SqlTypeName.BINARY_TYPES.contains(to)) {
            return call(TEXT_TO_BYTEA, target, operand);
        }
        if (fromText && to == SqlTypeName.BOOLEAN) {
            return call(TEXT_TO_BOOLEAN, target, operand);
        }
        if (from == SqlTypeName.BOOLEAN && SqlTypeName.CHAR_TYPES.contains(to)) {
            return rexBuilder.makeCast(target, call(BOOLEAN_TO_TEXT, varchar(operand), operand), true, false);
        }
        if (from == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE && SqlTypeName.CHAR_TYPES.contains(to)) {
            return rexBuilder.makeCast(target, call(TIMESTAMPTZ_TO_TEXT, varchar(operand), operand,
                    rexBuilder.makeLiteral(zone)), true, false);
        }
        if (from == SqlTypeName.DECIMAL && to == SqlTypeName.DECIMAL
                && target.getScale() < operand.getType().getScale()) {
            // Calcite drops the extra digits; PostgreSQL rounds them half away from zero.
            RexNode rounded = rexBuilder.makeCall(SqlStdOperatorTable.ROUND, operand,
                    rexBuilder.makeExactLiteral(java.math.BigDecimal.valueOf(target.getScale())));
            return rexBuilder.makeCast(target, rounded, cast.getKind() == SqlKind.SAFE_CAST, false);
        }
        if (from == SqlTypeName.DECIMAL && operand.getType().getScale() > 0
                && SqlTypeName.INT_TYPES.contains(to)) {
            RexNode rounded = rexBuilder.makeCall(SqlStdOperatorTable.ROUND, operand);
            return rexBuilder.makeCast(target, rounded, cast.getKind() == SqlKind.SAFE_CAST, false);
        }
        return visited;
    }

    /** The text under the casts Calcite wrapped around it (to a number), or null when it is no cast text. */
    private static RexNode castText(RexNode operand) {
        RexNode inner = operand;
        while (inner.getKind() == SqlKind.CAST && inner instanceof RexCall cast) {
            inner = cast.getOperands().get(0);
        }
        return inner != operand && SqlTypeName.CHAR_TYPES.contains(inner.getType().getSqlTypeName()) ? inner : null;
    }

    private RelDataType varchar(RexNode operand) {
        return rexBuilder.getTypeFactory().createTypeWithNullability(
                rexBuilder.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), operand.getType().isNullable());
    }

    private RexNode call(SqlUserDefinedFunction function, RelDataType type, RexNode... operands) {
        RelDataType nullable = rexBuilder.getTypeFactory().createTypeWithNullability(type,
                operands[0].getType().isNullable());
        return rexBuilder.makeCall(nullable, function, List.of(operands));
    }
}
