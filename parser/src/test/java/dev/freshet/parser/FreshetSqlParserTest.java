package dev.freshet.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlShuttle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class FreshetSqlParserTest {
    private final FreshetSqlParser parser = new FreshetSqlParser();

    @Test
    void shouldParseSelectWithTrailingSemicolon() {
        SqlNode node = parser.parseStatement("SELECT a, b FROM t WHERE a > 1;");
        assertThat(node).isInstanceOf(SqlSelect.class);
    }

    @Test
    void shouldFoldUnquotedIdentifiersToLowerCaseAndKeepQuotedOnes() {
        SqlSelect select = (SqlSelect) parser.parseStatement("SELECT Abc, \"Def\" FROM T");
        assertThat(((SqlIdentifier) select.getSelectList().get(0)).getSimple()).isEqualTo("abc");
        assertThat(((SqlIdentifier) select.getSelectList().get(1)).getSimple()).isEqualTo("Def");
        assertThat(((SqlIdentifier) select.getFrom()).getSimple()).isEqualTo("t");
    }

    @Test
    void shouldReportSyntaxErrorWithLineColumnAndPosition() {
        assertThatThrownBy(() -> parser.parseStatement("SELECT a, FROM t"))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR);
                    assertThat(e.getMessage()).startsWith("syntax error at or near \"FROM\" (line 1, column 11)");
                    assertThat(e.position()).isEqualTo(11);
                });
    }

    @Test
    void shouldReportSyntaxErrorOnLaterLine() {
        assertThatThrownBy(() -> parser.parseStatement("SELECT 1\nFROM t\nWHERE AND"))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.getMessage()).startsWith("syntax error at or near \"AND\" (line 3, column 7)");
                    assertThat(e.position()).isEqualTo(23);
                });
    }

    @Test
    void shouldReportSyntaxErrorAtEndOfInput() {
        assertThatThrownBy(() -> parser.parseStatement("SELECT * FROM"))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.getMessage()).startsWith("syntax error at end of input");
                    assertThat(e.position()).isEqualTo(14);
                });
    }

    @Test
    void shouldPointErrorsIntoTheWholeScript() {
        assertThatThrownBy(() -> parser.parseScript("SELECT 1;\n-- two\nSELECT a, FROM t;"))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.getMessage()).startsWith("syntax error at or near \"FROM\" (line 3, column 11)");
                    assertThat(e.position()).isEqualTo(28);
                });
    }

    @Test
    void shouldRejectUnterminatedString() {
        assertThatThrownBy(() -> parser.parseStatement("SELECT 'abc"))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR);
                    assertThat(e.getMessage()).isEqualTo("unterminated quoted string at or near \"'abc\"");
                    assertThat(e.position()).isEqualTo(8);
                });
    }

    @Test
    void shouldRejectTwoStatementsInParseStatement() {
        assertThatThrownBy(() -> parser.parseStatement("SELECT 1; SELECT 2"))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR);
                    assertThat(e.position()).isEqualTo(11);
                });
    }

    @Test
    void shouldParseScriptIntoStatementsWithOffsets() {
        List<ParsedStatement> statements = parser.parseScript("SELECT 1; ; /* c */ SELECT ';' ;");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(1).text()).isEqualTo("SELECT ';'");
        assertThat(statements.get(1).offset()).isEqualTo(20);
    }

    @Test
    void shouldParseInfixCastChains() {
        SqlNode node = parser.parseStatement("SELECT 'pg_class'::regclass::oid");
        SqlNode item = ((SqlSelect) node).getSelectList().get(0);
        assertThat(item.getKind()).isEqualTo(SqlKind.CAST);
        SqlBasicCall outer = (SqlBasicCall) item;
        assertThat(outer.operand(1).toString()).isEqualTo("`oid`");
        assertThat(outer.operand(0).getKind()).isEqualTo(SqlKind.CAST);
    }

    @Test
    void shouldBindInfixCastTighterThanPlus() {
        SqlNode node = parser.parseStatement("SELECT $1::int + $2");
        SqlBasicCall plus = (SqlBasicCall) ((SqlSelect) node).getSelectList().get(0);
        assertThat(plus.getKind()).isEqualTo(SqlKind.PLUS);
        assertThat(plus.operand(0).getKind()).isEqualTo(SqlKind.CAST);
        SqlDynamicParam first = ((SqlBasicCall) plus.operand(0)).operand(0);
        assertThat(first.getIndex()).isEqualTo(0);
        assertThat(((SqlDynamicParam) plus.operand(1)).getIndex()).isEqualTo(1);
    }

    @Test
    void shouldAllowTheSamePositionalParameterTwice() {
        SqlNode node = parser.parseStatement("SELECT * FROM t WHERE a = $2 OR b = $2");
        List<Integer> indexes = new ArrayList<>();
        node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlDynamicParam param) {
                indexes.add(param.getIndex());
                return param;
            }
        });
        assertThat(indexes).containsExactly(1, 1);
    }

    @Test
    void shouldKeepQuestionMarkParameters() {
        SqlNode node = parser.parseStatement("SELECT * FROM t WHERE a = ?");
        assertThat(node.toString()).contains("?");
    }

    @Test
    void shouldParseDollarQuotedStrings() {
        SqlSelect select = (SqlSelect) parser.parseStatement("SELECT $$it's; here$$, $tag$a $$ b$tag$");
        assertThat(((SqlLiteral) select.getSelectList().get(0)).getValueAs(String.class)).isEqualTo("it's; here");
        assertThat(((SqlLiteral) select.getSelectList().get(1)).getValueAs(String.class)).isEqualTo("a $$ b");
    }

    @Test
    void shouldParseEscapeStrings() {
        SqlSelect select = (SqlSelect) parser.parseStatement("SELECT E'a\\nb\\'c'");
        assertThat(((SqlLiteral) select.getSelectList().get(0)).getValueAs(String.class)).isEqualTo("a\nb'c");
    }

    @Test
    void shouldParsePsqlDescribeTableQuery() {
        String sql = "SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class c "
                + "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default "
                + "AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 2, 3";
        SqlNode node = parser.parseStatement(sql);
        assertThat(node.toString()).contains("` ~ '^(t)$'").doesNotContain("COLLATE");
    }

    @Test
    void shouldParsePsqlListTablesQuery() {
        String sql = "SELECT n.nspname as \"Schema\", c.relname as \"Name\", "
                + "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' END as \"Type\", "
                + "pg_catalog.pg_get_userbyid(c.relowner) as \"Owner\" "
                + "FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('r','p','') AND n.nspname <> 'pg_catalog' AND n.nspname !~ '^pg_toast' "
                + "AND n.nspname <> 'information_schema' AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 1,2;";
        SqlNode node = parser.parseStatement(sql);
        assertThat(node.toString()).contains("`nspname` !~ '^pg_toast'");
    }

    @Test
    void shouldParseRegexOperators() {
        SqlSelect select = (SqlSelect) parser.parseStatement("SELECT a ~ 'x', a ~* 'x', a !~ 'x', a !~* 'x' FROM t");
        assertThat(select.getSelectList().get(0).getKind()).isEqualTo(SqlKind.POSIX_REGEX_CASE_SENSITIVE);
        assertThat(select.getSelectList().get(1).getKind()).isEqualTo(SqlKind.POSIX_REGEX_CASE_INSENSITIVE);
        assertThat(select.getSelectList().get(2).toString()).isEqualTo("`a` !~ 'x'");
        assertThat(select.getSelectList().get(3).toString()).isEqualTo("`a` !~* 'x'");
    }

    @Test
    void shouldParseCollateWithQuotedName() {
        SqlNode node = parser.parseStatement("SELECT name FROM t ORDER BY name COLLATE \"C\"");
        assertThat(node.toString()).doesNotContain("COLLATE");
    }

    @Test
    void shouldParseArrayConstructorAndAny() {
        parser.parseStatement("SELECT ARRAY[1, 2, 3]");
        parser.parseStatement("SELECT * FROM t WHERE a = ANY(ARRAY[1, 2])");
        parser.parseStatement("SELECT * FROM t WHERE a <> ALL(ARRAY[1, 2])");
    }

    @Test
    void shouldParsePostgresTypeNames() {
        String sql = "SELECT CAST(a AS TEXT), CAST(a AS BYTEA), CAST(a AS TIMESTAMPTZ), "
                + "CAST(a AS TIMESTAMP WITH TIME ZONE), CAST(a AS TIMESTAMP WITHOUT TIME ZONE), "
                + "CAST(a AS TIME WITHOUT TIME ZONE), CAST(a AS DOUBLE PRECISION), CAST(a AS INT2), "
                + "CAST(a AS INT4), CAST(a AS INT8), CAST(a AS FLOAT4), CAST(a AS FLOAT8), CAST(a AS BOOL), "
                + "CAST(a AS NUMERIC), CAST(a AS CHARACTER VARYING), CAST(a AS VARCHAR), CAST(a AS INTERVAL), "
                + "a::interval, a::text, a::name FROM t";
        SqlSelect select = (SqlSelect) parser.parseStatement(sql);
        assertThat(select.getSelectList().get(0).toString()).contains("TEXT");
        assertThat(select.getSelectList().get(3).toString()).contains("TIMESTAMP WITH LOCAL TIME ZONE");
    }

    @Test
    void shouldReportPositionsAfterMultiLineDollarQuotedString() {
        assertThatThrownBy(() -> parser.parseStatement("SELECT $$a\nb$$ FROM FROM"))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.getMessage()).startsWith("syntax error at or near \"FROM\" (line 2, column 10)");
                    assertThat(e.position()).isEqualTo(21);
                });
    }

    @Test
    void shouldCountTabsAsOneColumn() {
        assertThatThrownBy(() -> parser.parseStatement("SELECT\ta,\tFROM t"))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.getMessage()).startsWith("syntax error at or near \"FROM\" (line 1, column 11)");
                    assertThat(e.position()).isEqualTo(11);
                });
    }

    @Test
    void shouldRejectPositionalParameterZero() {
        assertThatThrownBy(() -> parser.parseStatement("SELECT $0"))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR));
    }

    @Test
    void shouldRejectIdentifierLongerThan63Characters() {
        String name = "a".repeat(64);
        assertThatThrownBy(() -> parser.parseStatement("SELECT " + name + " FROM t"))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR));
    }

    @Test
    void shouldAcceptPostgresQueryFeatures() {
        parser.parseStatement("SELECT a FROM t WHERE a != 1 LIMIT 10 OFFSET 5");
        parser.parseStatement("SELECT a % 2, COUNT(*) FROM t GROUP BY 1 HAVING COUNT(*) > 1 ORDER BY 1");
        parser.parseStatement("SELECT INTERVAL '1' DAY, x IS NOT DISTINCT FROM y, a ILIKE 'x%' FROM t");
        parser.parseStatement("SELECT current_schema(), version(), pg_catalog.current_setting('x')");
    }
}
