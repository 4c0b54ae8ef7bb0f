package dev.freshet.planner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.Test;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.parser.FreshetSqlParser;

class GroupedWindowRewriterTest {
    private static final FreshetSqlParser PARSER = new FreshetSqlParser();

    /** The query rewritten, written back as SQL. */
    private static String rewritten(String sql) {
        SqlNode query = PARSER.parseStatement(sql);
        GroupedWindowRewriter.rewrite(query);
        return FreshetSqlParser.unparse(query);
    }

    /** The query as the parser reads it, written back as SQL, to compare layouts alike. */
    private static String unparsed(String sql) {
        return FreshetSqlParser.unparse(PARSER.parseStatement(sql));
    }

    private static void assertRefused(String sql, String message) {
        assertThatThrownBy(() -> rewritten(sql))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED);
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.hint()).contains("TABLE(TUMBLE(");
                });
    }

    @Test
    void shouldRewriteTumbleIntoTableFunction() {
        assertThat(rewritten("SELECT auction, TUMBLE_START(date_time, INTERVAL '10' SECOND) AS ws, "
                + "TUMBLE_END(date_time, INTERVAL '10' SECOND) AS we, COUNT(*) "
                + "FROM bids GROUP BY auction, TUMBLE(date_time, INTERVAL '10' SECOND)"))
                .isEqualTo(unparsed("SELECT auction, window_start AS ws, window_end AS we, COUNT(*) "
                        + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) AS bids "
                        + "GROUP BY auction, window_start, window_end"));
    }

    @Test
    void shouldPassTumbleOffsetToTableFunction() {
        assertThat(rewritten("SELECT TUMBLE_START(date_time, INTERVAL '10' SECOND, INTERVAL '3' SECOND) AS ws "
                + "FROM bids GROUP BY TUMBLE(date_time, INTERVAL '10' SECOND, INTERVAL '3' SECOND)"))
                .isEqualTo(unparsed("SELECT window_start AS ws FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), "
                        + "INTERVAL '10' SECOND, INTERVAL '3' SECOND)) AS bids GROUP BY window_start, window_end"));
    }

    @Test
    void shouldTurnAlignmentTimeIntoOffsetSinceMidnight() {
        assertThat(rewritten("SELECT COUNT(*) FROM bids "
                + "GROUP BY TUMBLE(date_time, INTERVAL '1' HOUR, TIME '00:12:30.5')"))
                .isEqualTo(unparsed("SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), "
                        + "INTERVAL '1' HOUR, INTERVAL '0:12:30.500' HOUR TO SECOND)) AS bids "
                        + "GROUP BY window_start, window_end"));
    }

    @Test
    void shouldRewriteHopWithSlideBeforeSize() {
        assertThat(rewritten("SELECT HOP_START(date_time, INTERVAL '5' SECOND, INTERVAL '10' SECOND) AS ws, "
                + "HOP_END(date_time, INTERVAL '5' SECOND, INTERVAL '10' SECOND) AS we, SUM(price) AS total "
                + "FROM bids GROUP BY HOP(date_time, INTERVAL '5' SECOND, INTERVAL '10' SECOND)"))
                .isEqualTo(unparsed("SELECT window_start AS ws, window_end AS we, SUM(price) AS total "
                        + "FROM TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), "
                        + "INTERVAL '5' SECOND, INTERVAL '10' SECOND)) AS bids GROUP BY window_start, window_end"));
    }

    @Test
    void shouldNameUnaliasedBoundsAfterTheirFunction() {
        assertThat(rewritten("SELECT TUMBLE_START(date_time, INTERVAL '1' MINUTE), "
                + "CAST(TUMBLE_END(date_time, INTERVAL '1' MINUTE) AS DATE), "
                + "TUMBLE_END(date_time, INTERVAL '1' MINUTE) + INTERVAL '1' SECOND "
                + "FROM bids GROUP BY TUMBLE(date_time, INTERVAL '1' MINUTE)"))
                .isEqualTo(unparsed("SELECT window_start AS tumble_start, CAST(window_end AS DATE) AS tumble_end, "
                        + "window_end + INTERVAL '1' SECOND "
                        + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' MINUTE)) AS bids "
                        + "GROUP BY window_start, window_end"));
    }

    @Test
    void shouldLeaveRepeatedNamesInSubqueryToCalcite() {
        assertThat(rewritten("SELECT * FROM (SELECT HOP_START(ts, INTERVAL '1' MINUTE, INTERVAL '2' MINUTE), "
                + "HOP_START(ts, INTERVAL '1' MINUTE, INTERVAL '2' MINUTE) FROM t "
                + "GROUP BY HOP(ts, INTERVAL '1' MINUTE, INTERVAL '2' MINUTE)) AS s"))
                .isEqualTo(unparsed("SELECT * FROM (SELECT window_start AS \"EXPR$0\", window_start AS \"EXPR$1\" "
                        + "FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '2' MINUTE)) AS t "
                        + "GROUP BY window_start, window_end) AS s"));
    }

    @Test
    void shouldKeepTableAliasForQualifiedReferences() {
        assertThat(rewritten("SELECT b.auction, TUMBLE_START(b.date_time, INTERVAL '10' SECOND) AS ws "
                + "FROM public.bids AS b GROUP BY b.auction, TUMBLE(b.date_time, INTERVAL '10' SECOND)"))
                .isEqualTo(unparsed("SELECT b.auction, window_start AS ws "
                        + "FROM TABLE(TUMBLE(TABLE public.bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) AS b "
                        + "GROUP BY b.auction, window_start, window_end"));
    }

    @Test
    void shouldMoveWhereIntoTableFunctionInput() {
        assertThat(rewritten("SELECT b.auction, COUNT(*) FROM bids AS b WHERE b.price > 5 "
                + "GROUP BY b.auction, HOP(b.date_time, INTERVAL '5' SECOND, INTERVAL '10' SECOND)"))
                .isEqualTo(unparsed("SELECT b.auction, COUNT(*) "
                        + "FROM TABLE(HOP((SELECT * FROM bids AS b WHERE b.price > 5), DESCRIPTOR(date_time), "
                        + "INTERVAL '5' SECOND, INTERVAL '10' SECOND)) AS b "
                        + "GROUP BY b.auction, window_start, window_end"));
    }

    @Test
    void shouldReplaceBoundsInHavingAndOrderBy() {
        assertThat(rewritten("SELECT auction, COUNT(*) AS n FROM bids "
                + "GROUP BY auction, TUMBLE(date_time, INTERVAL '10' SECOND) "
                + "HAVING TUMBLE_END(date_time, INTERVAL '10' SECOND) > TIMESTAMP '2024-01-01 00:00:00' "
                + "ORDER BY TUMBLE_START(date_time, INTERVAL '10' SECOND) DESC, auction"))
                .isEqualTo(unparsed("SELECT auction, COUNT(*) AS n "
                        + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) AS bids "
                        + "GROUP BY auction, window_start, window_end "
                        + "HAVING window_end > TIMESTAMP '2024-01-01 00:00:00' ORDER BY window_start DESC, auction"));
    }

    @Test
    void shouldUseSubqueryAsTableFunctionInputInNestedQuery() {
        assertThat(rewritten("SELECT MAX(n) FROM (SELECT COUNT(*) AS n "
                + "FROM (SELECT * FROM bids WHERE price > 10) AS cheap GROUP BY TUMBLE(date_time, INTERVAL '1' HOUR))"))
                .isEqualTo(unparsed("SELECT MAX(n) FROM (SELECT COUNT(*) AS n "
                        + "FROM TABLE(TUMBLE((SELECT * FROM bids WHERE price > 10), DESCRIPTOR(date_time), "
                        + "INTERVAL '1' HOUR)) AS cheap GROUP BY window_start, window_end)"));
    }

    @Test
    void shouldRewriteQueriesOfCtesAndSetOperations() {
        assertThat(rewritten("WITH w AS (SELECT COUNT(*) AS n FROM bids GROUP BY TUMBLE(date_time, INTERVAL '1' HOUR)) "
                + "SELECT n FROM w UNION ALL SELECT COUNT(*) FROM bids GROUP BY TUMBLE(date_time, INTERVAL '1' DAY)"))
                .isEqualTo(unparsed("WITH w AS (SELECT COUNT(*) AS n "
                        + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' HOUR)) AS bids "
                        + "GROUP BY window_start, window_end) "
                        + "SELECT n FROM w UNION ALL SELECT COUNT(*) "
                        + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' DAY)) AS bids "
                        + "GROUP BY window_start, window_end"));
    }

    @Test
    void shouldWindowTheJoinInputNamedByTheTimeColumn() {
        assertThat(rewritten("SELECT a.seller, COUNT(*) FROM auctions AS a JOIN bids AS b ON a.id = b.auction "
                + "GROUP BY a.seller, TUMBLE(b.date_time, INTERVAL '10' SECOND)"))
                .isEqualTo(unparsed("SELECT a.seller, COUNT(*) FROM auctions AS a "
                        + "JOIN TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) AS b "
                        + "ON a.id = b.auction GROUP BY a.seller, window_start, window_end"));
    }

    @Test
    void shouldWindowWholeJoinWhenTimeColumnIsUnqualified() {
        assertThat(rewritten("SELECT seller, COUNT(*) FROM auctions JOIN bids ON id = auction WHERE bids.price > 5 "
                + "GROUP BY seller, TUMBLE(date_time, INTERVAL '10' SECOND)"))
                .isEqualTo(unparsed("SELECT seller, COUNT(*) "
                        + "FROM TABLE(TUMBLE((SELECT * FROM auctions JOIN bids ON id = auction WHERE bids.price > 5), "
                        + "DESCRIPTOR(date_time), INTERVAL '10' SECOND)) GROUP BY seller, window_start, window_end"));
    }

    @Test
    void shouldRewriteSessionWithTheOtherGroupColumnsAsKeys() {
        assertThat(rewritten("SELECT bidder, SESSION_START(date_time, INTERVAL '1' MINUTE) AS ws, COUNT(*) FROM bids "
                + "GROUP BY bidder, SESSION(date_time, INTERVAL '1' MINUTE)"))
                .isEqualTo(unparsed("SELECT bidder, window_start AS ws, COUNT(*) "
                        + "FROM TABLE(SESSION(TABLE bids, DESCRIPTOR(date_time), DESCRIPTOR(bidder), "
                        + "INTERVAL '1' MINUTE)) AS bids GROUP BY bidder, window_start, window_end"));
        assertThat(rewritten("SELECT COUNT(*) FROM bids GROUP BY SESSION(date_time, INTERVAL '1' MINUTE)"))
                .isEqualTo(unparsed("SELECT COUNT(*) FROM TABLE(SESSION(TABLE bids, DESCRIPTOR(date_time), "
                        + "INTERVAL '1' MINUTE)) AS bids GROUP BY window_start, window_end"));
    }

    @Test
    void shouldRefuseSessionGroupedWithAnExpression() {
        assertThatThrownBy(() -> rewritten("SELECT COUNT(*) FROM bids GROUP BY bidder % 2, "
                + "SESSION(date_time, INTERVAL '1' MINUTE)"))
                .isInstanceOf(FreshetException.class)
                .hasMessageContaining("the other GROUP BY items must be columns");
    }

    @Test
    void shouldLeaveBoundsOfAnotherWindowForTheValidator() {
        assertThat(rewritten("SELECT TUMBLE_START(date_time, INTERVAL '1' HOUR) AS ws FROM bids "
                + "GROUP BY TUMBLE(date_time, INTERVAL '10' SECOND)"))
                .isEqualTo(unparsed("SELECT TUMBLE_START(date_time, INTERVAL '1' HOUR) AS ws "
                        + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) AS bids "
                        + "GROUP BY window_start, window_end"));
    }

    @Test
    void shouldRefuseTwoWindowsInOneGroupBy() {
        assertRefused("SELECT COUNT(*) FROM bids GROUP BY TUMBLE(date_time, INTERVAL '1' HOUR), "
                + "HOP(date_time, INTERVAL '1' MINUTE, INTERVAL '2' MINUTE)", "more than one window");
    }

    @Test
    void shouldRefuseWindowOverExpression() {
        assertRefused("SELECT COUNT(*) FROM bids GROUP BY TUMBLE(date_time + INTERVAL '1' HOUR, INTERVAL '1' HOUR)",
                "the time argument must be a column");
    }

    @Test
    void shouldRefuseWindowInsideRollup() {
        assertRefused("SELECT COUNT(*) FROM bids GROUP BY ROLLUP(auction, TUMBLE(date_time, INTERVAL '1' HOUR))",
                "inside a GROUP BY expression");
    }

    @Test
    void shouldRefuseUnqualifiedTimeColumnOverJoinWithQualifiedReferences() {
        assertRefused("SELECT a.seller, COUNT(*) FROM auctions AS a JOIN bids AS b ON a.id = b.auction "
                + "GROUP BY a.seller, TUMBLE(date_time, INTERVAL '10' SECOND)", "qualify it");
    }
}
