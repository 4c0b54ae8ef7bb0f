package dev.freshet.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
    private final FreshetSqlParser parser = new FreshetSqlParser();

    @Test
    void shouldSplitAtTopLevelSemicolonsWithOffsets() {
        List<StatementText> statements = parser.split("SELECT 1;  SELECT 2;\nSELECT 3");
        assertThat(statements).containsExactly(
                new StatementText("SELECT 1", 0),
                new StatementText("SELECT 2", 11),
                new StatementText("SELECT 3", 21));
    }

    @Test
    void shouldNotSplitInsideStringsWithDoubledQuotes() {
        assertThat(parser.split("SELECT 'a;''b'; SELECT 2"))
                .extracting(StatementText::text).containsExactly("SELECT 'a;''b'", "SELECT 2");
    }

    @Test
    void shouldNotSplitInsideEscapeStrings() {
        assertThat(parser.split("SELECT E'a\\';b'; SELECT 2"))
                .extracting(StatementText::text).containsExactly("SELECT E'a\\';b'", "SELECT 2");
    }

    @Test
    void shouldNotSplitInsideQuotedIdentifiers() {
        assertThat(parser.split("SELECT 1 AS \"x;\"\"y\"; SELECT 2"))
                .extracting(StatementText::text).containsExactly("SELECT 1 AS \"x;\"\"y\"", "SELECT 2");
    }

    @Test
    void shouldNotSplitInsideDollarQuotes() {
        assertThat(parser.split("SELECT $$a;b$$; SELECT $fn$ x; $$ ; $fn$; SELECT $1"))
                .extracting(StatementText::text)
                .containsExactly("SELECT $$a;b$$", "SELECT $fn$ x; $$ ; $fn$", "SELECT $1");
    }

    @Test
    void shouldNotTreatDollarInsideIdentifierAsQuote() {
        assertThat(parser.split("SELECT a$b$ FROM t; SELECT 2"))
                .extracting(StatementText::text).containsExactly("SELECT a$b$ FROM t", "SELECT 2");
    }

    @Test
    void shouldIgnoreSemicolonsInLineAndNestedBlockComments() {
        List<StatementText> statements = parser.split(
                "-- first; comment\nSELECT 1 /* a; /* nested; */ still; */ + 1; /* only a comment; */ ;");
        assertThat(statements).containsExactly(
                new StatementText("SELECT 1 /* a; /* nested; */ still; */ + 1", 18));
    }

    @Test
    void shouldDropEmptyStatements() {
        assertThat(parser.split(" ; ;\n-- nothing\n/* here */ ;")).isEmpty();
        assertThat(parser.parseScript(";;")).isEmpty();
    }

    @Test
    void shouldRejectUnterminatedBlockComment() {
        assertThatThrownBy(() -> parser.split("SELECT 1; /* open /* nested */"))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR);
                    assertThat(e.getMessage()).startsWith("unterminated /* comment");
                    assertThat(e.position()).isEqualTo(11);
                });
    }

    @Test
    void shouldRejectUnterminatedDollarQuoteAndIdentifier() {
        assertThatThrownBy(() -> parser.split("SELECT $x$ abc"))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.getMessage()).startsWith("unterminated dollar-quoted string");
                    assertThat(e.position()).isEqualTo(8);
                });
        assertThatThrownBy(() -> parser.split("SELECT \"abc"))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.getMessage()).startsWith("unterminated quoted identifier"));
    }

    @Test
    void shouldParseEachStatementOfAScript() {
        List<ParsedStatement> statements = parser.parseScript(
                "CREATE TABLE t (a INT);\nINSERT INTO t VALUES (1);\nSELECT $$;$$ FROM t;");
        assertThat(statements).hasSize(3);
        assertThat(statements.get(2).offset()).isEqualTo(50);
        assertThat(statements.get(2).text()).isEqualTo("SELECT $$;$$ FROM t");
    }
}
