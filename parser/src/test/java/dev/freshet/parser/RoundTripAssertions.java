package dev.freshet.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.Litmus;

/** Checks that a statement survives unparse and re-parse unchanged. */
public final class RoundTripAssertions {
    private RoundTripAssertions() {
    }

    /** Parses {@code sql}, unparses it, parses that again and requires both trees to be equal; returns the first. */
    public static SqlNode assertRoundTrips(String sql) {
        FreshetSqlParser parser = new FreshetSqlParser();
        SqlNode first = parser.parseStatement(sql);
        String unparsed = FreshetSqlParser.unparse(first);
        SqlNode second = parser.parseStatement(unparsed);
        assertThat(second.equalsDeep(first, Litmus.IGNORE))
                .as("re-parsed %s%nfrom %s", second, unparsed)
                .isTrue();
        assertThat(FreshetSqlParser.unparse(second)).isEqualTo(unparsed);
        return first;
    }
}
