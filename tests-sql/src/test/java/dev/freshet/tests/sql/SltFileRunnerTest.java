package dev.freshet.tests.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's judgement of records, against {@link ScriptedServer} so it needs no real server. */
class SltFileRunnerTest {
    private final ScriptedServer server = new ScriptedServer()
            .answer("SELECT 1", new ScriptedServer.Rows(List.of("1")))
            .answer("SELECT 2", new ScriptedServer.Rows(List.of("2")))
            .answer("INSERT 2", new ScriptedServer.Count(2))
            .answer("CRASH", new ScriptedServer.Crash())
            .answer("DROP SESSION", new ScriptedServer.Error("08006", "terminating connection"))
            .answer("BAD", new ScriptedServer.Error("42601", "syntax error"));

    @Test
    void shouldPassAFileWhoseXfailRecordsFail() {
        SltFileResult result = run("""
                # rounding is a known gap
                xfail CAST numeric to int truncates instead of rounding
                query I
                SELECT 1
                ----
                2

                xfail no INSERT count yet
                statement count 3
                INSERT 2

                query I
                SELECT 2
                ----
                2
                """);

        assertThat(result.failures()).isEmpty();
        assertThat(result.passed()).isTrue();
        assertThat(result.expectedFailures())
                .extracting(SltExpectedFailure::line, SltExpectedFailure::reason)
                .containsExactly(
                        tuple(3, "CAST numeric to int truncates instead of rounding"),
                        tuple(9, "no INSERT count yet"));
        assertThat(result.expectedFailures().get(0).problem()).contains("result mismatch");
        assertThat(result.summary()).isEqualTo("t.slt: passed, 2 expected failures: "
                + "line 3 (CAST numeric to int truncates instead of rounding), line 9 (no INSERT count yet)");
    }

    @Test
    void shouldCountAnUnexpectedErrorOfAnXfailRecordAsExpected() {
        SltFileResult result = run("xfail the parser refuses this\nstatement ok\nBAD\n");

        assertThat(result.failures()).isEmpty();
        assertThat(result.expectedFailures()).singleElement()
                .satisfies(expected -> assertThat(expected.problem()).contains("SQLSTATE 42601"));
    }

    @Test
    void shouldFailTheFileWhenAnXfailRecordPasses() {
        SltFileResult result = run("statement ok\nSELECT 2\n\nxfail rounding is wrong\nquery I\nSELECT 1\n----\n1\n");

        assertThat(result.passed()).isFalse();
        assertThat(result.expectedFailures()).isEmpty();
        assertThat(result.failures()).singleElement()
                .satisfies(failure -> assertThat(failure.describe()).isEqualTo(
                        "t.slt:5: record marked xfail (\"rounding is wrong\") passes now: remove the xfail line"));
        assertThat(result.summary()).isEqualTo("t.slt: FAILED (1)");
    }

    @Test
    void shouldFailTheFileWhenAnXfailRecordKillsTheServer() {
        SltFileResult result = run("xfail crashes\nstatement ok\nCRASH\n\nstatement ok\nSELECT 1\n");

        assertThat(result.expectedFailures()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.line()).isEqualTo(2);
            assertThat(failure.problem())
                    .contains("the server died")
                    .contains("a lost session or server is never an expected failure");
        });
    }

    @Test
    void shouldFailTheFileWhenAnXfailRecordLosesItsSession() {
        SltFileResult result = run("xfail drops the session\nquery error (SQLSTATE 0A000)\nDROP SESSION\n\n"
                + "query I\nSELECT 1\n----\n1\n");

        assertThat(result.expectedFailures()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.line()).isEqualTo(2);
            assertThat(failure.problem()).contains("08006").contains("never an expected failure");
        });
    }

    @Test
    void shouldStillFailRecordsWithoutTheMarker() {
        SltFileResult result = run("xfail known\nstatement ok\nBAD\n\nstatement ok\nBAD\n");

        assertThat(result.expectedFailures()).extracting(SltExpectedFailure::line).containsExactly(2);
        assertThat(result.failures()).extracting(SltFailure::line).containsExactly(5);
    }

    private SltFileResult run(String text) {
        return new SltFileRunner(SltParser.parse("t.slt", text), server, Duration.ofSeconds(30)).run();
    }
}
