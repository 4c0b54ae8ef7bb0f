package dev.freshet.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresSyntaxRewriterTest {
    @Test
    void shouldLeaveAStatementWithNothingToRewriteIdentical() {
        String sql = "SELECT a AS b, CAST(x AS date) FROM t WHERE s = 'as table,' -- AS user,\n";
        assertThat(PostgresSyntaxRewriter.rewrite(sql)).isSameAs(sql);
    }

    @Test
    void shouldQuoteKeywordsUsedAsColumnLabels() {
        assertThat(PostgresSyntaxRewriter.rewrite("select x as table, y as Delete\n from t"))
                .isEqualTo("select x as \"table\", y as \"delete\"\n from t");
    }

    @Test
    void shouldNotTakeTheQueryOfAViewForALabel() {
        String sql = "CREATE VIEW v AS SELECT x FROM t";
        assertThat(PostgresSyntaxRewriter.rewrite(sql)).isSameAs(sql);
    }

    @Test
    void shouldQuoteKeywordsUsedAsFieldNames() {
        assertThat(PostgresSyntaxRewriter.rewrite("SELECT tmp.CARDINALITY FROM (SELECT 1 AS CARDINALITY) AS tmp"))
                .isEqualTo("SELECT tmp.\"cardinality\" FROM (SELECT 1 AS \"cardinality\") AS tmp");
        assertThat(PostgresSyntaxRewriter.rewrite("WHERE m.member = r.oid"))
                .isEqualTo("WHERE m.\"member\" = r.oid");
    }

    @Test
    void shouldWrapASetReturningFunctionInFromAndLetItsAliasNameTheColumn() {
        assertThat(PostgresSyntaxRewriter.rewrite("SELECT i FROM generate_series(abs(1), 3) as i"))
                .isEqualTo("SELECT i FROM TABLE(generate_series(abs(1), 3)) as i(i)");
    }

    @Test
    void shouldTurnAScalarFunctionInFromIntoASingleRow() {
        assertThat(PostgresSyntaxRewriter.rewrite("SELECT s[1] FROM t, string_to_array('a,b', ',') s"))
                .isEqualTo("SELECT s[1] FROM t, (SELECT string_to_array('a,b', ',') AS s) s");
        assertThat(PostgresSyntaxRewriter.rewrite("SELECT * FROM upper('a')"))
                .isEqualTo("SELECT * FROM (SELECT upper('a') AS \"upper\") AS \"upper\"");
    }

    @Test
    void shouldLeaveFromInsideFunctionArgumentsAlone() {
        String sql = "SELECT trim(both '\"' from pg_get_indexdef(1, 1, false)), extract(year from now()) FROM t";
        assertThat(PostgresSyntaxRewriter.rewrite(sql)).isSameAs(sql);
    }

    @Test
    void shouldLeaveTableFunctionCallsAndWindowsAlone() {
        String sql = "SELECT * FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' SECOND)) JOIN u USING (id)";
        assertThat(PostgresSyntaxRewriter.rewrite(sql)).isSameAs(sql);
    }

    @Test
    void shouldSkipStringsQuotedIdentifiersAndComments() {
        String sql = "SELECT $$ as table, $$, \"as table,\", E'\\' as user,' /* from f(x) */ FROM t";
        assertThat(PostgresSyntaxRewriter.rewrite(sql)).isSameAs(sql);
    }
}
