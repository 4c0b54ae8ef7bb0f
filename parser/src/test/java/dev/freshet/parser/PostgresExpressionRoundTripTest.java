package dev.freshet.parser;

import static dev.freshet.parser.RoundTripAssertions.assertRoundTrips;

import org.junit.jupiter.api.Test;

class PostgresExpressionRoundTripTest {
    @Test
    void shouldRoundTripInfixCasts() {
        assertRoundTrips("SELECT 'pg_class'::regclass::oid, a::text, b::int4 + 1, c::timestamptz, d::interval FROM t");
    }

    @Test
    void shouldReadTimestampTzLiteralAsCastOfItsText() {
        assertRoundTrips("SELECT TIMESTAMPTZ '2024-01-31 08:30:00+00', timestamptz FROM t");
    }

    @Test
    void shouldReadFieldSelectionOfParenthesizedExpression() {
        // Calcite unparses DOT without the parentheses, so this is checked on the tree, not by a round trip.
        org.apache.calcite.sql.SqlSelect select = (org.apache.calcite.sql.SqlSelect) new FreshetSqlParser()
                .parseStatement("SELECT (information_schema._pg_expandarray(i.indkey)).n, (r.keys).x FROM t AS i, u AS r");
        for (org.apache.calcite.sql.SqlNode item : select.getSelectList()) {
            org.assertj.core.api.Assertions.assertThat(item.getKind()).isEqualTo(org.apache.calcite.sql.SqlKind.DOT);
        }
    }

    @Test
    void shouldRoundTripRegexOperators() {
        assertRoundTrips("SELECT * FROM t WHERE a ~ 'x' AND b !~* 'y' AND c OPERATOR(pg_catalog.~) '^t$'");
    }

    @Test
    void shouldRoundTripDollarAndEscapeStrings() {
        assertRoundTrips("SELECT $$a'b$$, E'tab\\there', $q$x$q$");
    }

    @Test
    void shouldRoundTripPostgresTypesInCast() {
        assertRoundTrips("SELECT CAST(a AS TIMESTAMP WITH TIME ZONE), CAST(b AS DOUBLE PRECISION),"
                + " CAST(c AS CHARACTER VARYING), CAST(d AS BYTEA) FROM t");
    }

    @Test
    void shouldRoundTripArrayAndQuantifiedComparisons() {
        assertRoundTrips("SELECT ARRAY[1, 2] FROM t WHERE a = ANY(ARRAY[1, 2]) AND b <> ALL(ARRAY[3])");
    }

    @Test
    void shouldRoundTripOperatorEquals() {
        assertRoundTrips("SELECT * FROM t WHERE a OPERATOR(pg_catalog.=) 1");
    }
}
