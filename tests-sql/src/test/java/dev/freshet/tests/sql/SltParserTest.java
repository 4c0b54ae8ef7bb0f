package dev.freshet.tests.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SltParserTest {
    @Test
    void shouldParseStatementOkWithMultiLineSql() {
        SltFile file = SltParser.parse("t.slt", """
                # header comment
                statement ok
                CREATE TABLE t (
                  id INT PRIMARY KEY)
                """);

        assertThat(file.name()).isEqualTo("t.slt");
        assertThat(file.records()).containsExactly(new SltRecord.Statement(2,
                "CREATE TABLE t (\n  id INT PRIMARY KEY)", new StatementOutcome.Ok()));
    }

    @Test
    void shouldParseStatementCount() {
        SltFile file = SltParser.parse("t.slt", "statement count 3\nINSERT INTO t VALUES (1), (2), (3)\n");

        assertThat(file.records()).containsExactly(new SltRecord.Statement(1,
                "INSERT INTO t VALUES (1), (2), (3)", new StatementOutcome.Count(3)));
    }

    @Test
    void shouldParseStatementErrorWithSqlStateAndMessage() {
        SltFile file = SltParser.parse("t.slt", """
                statement error (SQLSTATE 23505) duplicate key value
                INSERT INTO t VALUES (1)
                """);

        SltRecord.Statement statement = (SltRecord.Statement) file.records().get(0);
        assertThat(statement.outcome()).isEqualTo(new StatementOutcome.Error(
                new ErrorExpectation(Optional.of("23505"), Optional.of("duplicate key value"))));
    }

    @Test
    void shouldParseBareStatementErrorAsAnyError() {
        SltFile file = SltParser.parse("t.slt", "statement error\nSELECT 1/0\n");

        SltRecord.Statement statement = (SltRecord.Statement) file.records().get(0);
        assertThat(statement.outcome()).isEqualTo(new StatementOutcome.Error(
                new ErrorExpectation(Optional.empty(), Optional.empty())));
    }

    @Test
    void shouldParseQueryWithTypesSortModeLabelAndExpectedRows() {
        SltFile file = SltParser.parse("t.slt", """
                query ITR rowsort totals
                SELECT id, name, price
                FROM t
                ----
                1 a 1.5
                2\t(empty)\tNULL

                statement ok
                DROP TABLE t
                """);

        assertThat(file.records()).hasSize(2);
        SltRecord.Query query = (SltRecord.Query) file.records().get(0);
        assertThat(query.line()).isEqualTo(1);
        assertThat(query.sql()).isEqualTo("SELECT id, name, price\nFROM t");
        assertThat(query.types()).containsExactly(ColumnType.INTEGER, ColumnType.TEXT, ColumnType.REAL);
        assertThat(query.sortMode()).isEqualTo(SortMode.ROWSORT);
        assertThat(query.label()).contains("totals");
        assertThat(query.expectedLines()).containsExactly("1 a 1.5", "2\t(empty)\tNULL");
        assertThat(query.error()).isEmpty();
        assertThat(file.records().get(1).line()).isEqualTo(8);
    }

    @Test
    void shouldTreatAWordThatIsNoSortModeAsTheLabel() {
        SltRecord.Query query = (SltRecord.Query) SltParser.parse("t.slt", "query I same\nSELECT 1\n----\n1\n")
                .records().get(0);

        assertThat(query.sortMode()).isEqualTo(SortMode.NOSORT);
        assertThat(query.label()).contains("same");
    }

    @Test
    void shouldExpectNoRowsWhenTheSeparatorIsFollowedByABlankLine() {
        SltFile file = SltParser.parse("t.slt", "query I\nSELECT 1 WHERE false\n----\n\nquery I\nSELECT 2\n");

        assertThat(file.records()).hasSize(2);
        assertThat(((SltRecord.Query) file.records().get(0)).expectedLines()).isEmpty();
        assertThat(((SltRecord.Query) file.records().get(1)).expectedLines()).isEmpty();
    }

    @Test
    void shouldKeepHashLinesInsideAnExpectedBlock() {
        SltRecord.Query query = (SltRecord.Query) SltParser.parse("t.slt", "query T\nSELECT '#x'\n----\n#x\n")
                .records().get(0);

        assertThat(query.expectedLines()).containsExactly("#x");
    }

    @Test
    void shouldSkipCommentLinesInsideSql() {
        SltRecord.Statement statement = (SltRecord.Statement) SltParser.parse("t.slt",
                "statement ok\nSELECT 1\n# why this matters\nFROM t\n").records().get(0);

        assertThat(statement.sql()).isEqualTo("SELECT 1\nFROM t");
    }

    @Test
    void shouldParseQueryError() {
        SltRecord.Query query = (SltRecord.Query) SltParser.parse("t.slt",
                "query error (SQLSTATE 42P01)\nSELECT * FROM missing\n").records().get(0);

        assertThat(query.error()).contains(new ErrorExpectation(Optional.of("42P01"), Optional.empty()));
        assertThat(query.types()).isEmpty();
    }

    @Test
    void shouldParseDirectives() {
        SltFile file = SltParser.parse("t.slt", """
                connection other

                restart

                kill

                connection default
                """);

        assertThat(file.records()).containsExactly(
                new SltRecord.Connection(1, "other"),
                new SltRecord.Restart(3),
                new SltRecord.Kill(5),
                new SltRecord.Connection(7, "default"));
    }

    @Test
    void shouldStopAtHalt() {
        SltFile file = SltParser.parse("t.slt", "statement ok\nSELECT 1\n\nhalt\n\nnot a record at all\n");

        assertThat(file.records()).containsExactly(
                new SltRecord.Statement(1, "SELECT 1", new StatementOutcome.Ok()), new SltRecord.Halt(4));
    }

    @Test
    void shouldCountOnlyStatementsAndQueriesAsTestRecords() {
        SltFile file = SltParser.parse("t.slt", "statement ok\nSELECT 1\n\nrestart\n\nquery I\nSELECT 1\n----\n1\n");

        assertThat(file.testRecordCount()).isEqualTo(2);
    }

    @Test
    void shouldRejectUnknownRecordWithItsLine() {
        assertThatThrownBy(() -> SltParser.parse("bad.slt", "statement ok\nSELECT 1\n\nsleep 10\n"))
                .isInstanceOf(SltSyntaxException.class)
                .hasMessageStartingWith("bad.slt:4: unknown record 'sleep'");
    }

    @Test
    void shouldRejectUnknownTypeLetter() {
        assertThatThrownBy(() -> SltParser.parse("bad.slt", "query IZ\nSELECT 1, 2\n"))
                .isInstanceOf(SltSyntaxException.class)
                .hasMessageContaining("bad.slt:1:")
                .hasMessageContaining("unknown column type letter 'Z'");
    }

    @Test
    void shouldRejectResultsAfterAStatement() {
        assertThatThrownBy(() -> SltParser.parse("bad.slt", "statement ok\nSELECT 1\n----\n1\n"))
                .isInstanceOf(SltSyntaxException.class)
                .hasMessageStartingWith("bad.slt:3:");
    }

    @Test
    void shouldRejectARecordWithoutSql() {
        assertThatThrownBy(() -> SltParser.parse("bad.slt", "statement ok\n\nstatement ok\nSELECT 1\n"))
                .isInstanceOf(SltSyntaxException.class)
                .hasMessageStartingWith("bad.slt:1: the record has no SQL");
    }

    @Test
    void shouldRejectMalformedSqlStateAssertion() {
        assertThatThrownBy(() -> SltParser.parse("bad.slt", "statement error (SQLSTATE 235) oops\nSELECT 1\n"))
                .isInstanceOf(SltSyntaxException.class)
                .hasMessageContaining("(SQLSTATE 23505)");
    }

    @Test
    void shouldRejectNonNumericCount() {
        assertThatThrownBy(() -> SltParser.parse("bad.slt", "statement count many\nDELETE FROM t\n"))
                .isInstanceOf(SltSyntaxException.class)
                .hasMessageContaining("'many'");
    }

    @Test
    void shouldRejectTrailingWordsOnDirectives() {
        assertThatThrownBy(() -> SltParser.parse("bad.slt", "restart now\n"))
                .isInstanceOf(SltSyntaxException.class)
                .hasMessageStartingWith("bad.slt:1: write 'restart'");
        assertThatThrownBy(() -> SltParser.parse("bad.slt", "connection\n"))
                .isInstanceOf(SltSyntaxException.class);
    }

    @Test
    void shouldRejectTooManyWordsAfterQuery() {
        assertThatThrownBy(() -> SltParser.parse("bad.slt", "query I rowsort label extra\nSELECT 1\n"))
                .isInstanceOf(SltSyntaxException.class)
                .hasMessageContaining("too many words");
    }

    @Test
    void shouldAttachAnXfailReasonToTheStatementOrQueryAfterIt() {
        SltFile file = SltParser.parse("t.slt", """
                # a known gap
                xfail   CAST numeric to int truncates instead of rounding
                query I
                SELECT CAST(2.5 AS INT)
                ----
                3

                xfail no sequences yet
                # comment lines may sit between the marker and its record
                statement error (SQLSTATE 42P01)
                SELECT nextval('s')

                statement ok
                SELECT 1
                """);

        assertThat(file.records()).hasSize(3);
        SltRecord.Query query = (SltRecord.Query) file.records().get(0);
        assertThat(query.line()).isEqualTo(3);
        assertThat(query.expectedFailure()).contains("CAST numeric to int truncates instead of rounding");
        assertThat(query.expectedLines()).containsExactly("3");
        SltRecord.Statement marked = (SltRecord.Statement) file.records().get(1);
        assertThat(marked.line()).isEqualTo(10);
        assertThat(marked.expectedFailure()).contains("no sequences yet");
        assertThat(marked.sql()).isEqualTo("SELECT nextval('s')");
        assertThat(file.records().get(2).expectedFailure()).isEmpty();
        assertThat(file.testRecordCount()).isEqualTo(3);
    }

    @Test
    void shouldAcceptXfailBeforeAQueryError() {
        SltRecord.Query query = (SltRecord.Query) SltParser.parse("t.slt",
                "xfail accepted today\nquery error (SQLSTATE 22003)\nSELECT 2147483647 + 1\n").records().get(0);

        assertThat(query.error()).isPresent();
        assertThat(query.expectedFailure()).contains("accepted today");
    }

    @Test
    void shouldRejectXfailWithoutAReason() {
        assertThatThrownBy(() -> SltParser.parse("bad.slt",
                "statement ok\nSELECT 1\n\nxfail   \nstatement ok\nSELECT 1\n"))
                .isInstanceOf(SltSyntaxException.class)
                .hasMessageStartingWith("bad.slt:4: xfail needs a reason");
    }

    @Test
    void shouldRejectXfailBeforeADirective() {
        for (String directive : List.of("restart", "kill", "halt", "connection other")) {
            assertThatThrownBy(() -> SltParser.parse("bad.slt", "xfail flaky\n" + directive + "\n"))
                    .as(directive)
                    .isInstanceOf(SltSyntaxException.class)
                    .hasMessageStartingWith("bad.slt:1: xfail marks a statement or query, not '"
                            + directive.split(" ")[0] + "' (line 2)");
        }
    }

    @Test
    void shouldRejectXfailAtTheEndOfTheFile() {
        assertThatThrownBy(() -> SltParser.parse("bad.slt", "statement ok\nSELECT 1\n\nxfail gap\n# nothing\n"))
                .isInstanceOf(SltSyntaxException.class)
                .hasMessageStartingWith("bad.slt:4: xfail at the end of the file");
    }

    @Test
    void shouldRejectXfailSeparatedFromItsRecord() {
        assertThatThrownBy(() -> SltParser.parse("bad.slt", "xfail gap\n\nstatement ok\nSELECT 1\n"))
                .isInstanceOf(SltSyntaxException.class)
                .hasMessageStartingWith("bad.slt:1: xfail must stand right before");
        assertThatThrownBy(() -> SltParser.parse("bad.slt", "xfail gap\nxfail again\nstatement ok\nSELECT 1\n"))
                .isInstanceOf(SltSyntaxException.class)
                .hasMessageStartingWith("bad.slt:1: xfail marks a statement or query, not 'xfail'");
    }

    @Test
    void shouldAcceptAnEmptyFile() {
        assertThat(SltParser.parse("empty.slt", "# nothing yet\n\n").records()).isEqualTo(List.of());
    }
}
