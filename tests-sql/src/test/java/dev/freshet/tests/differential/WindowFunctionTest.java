package dev.freshet.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The oracle's plain-SQL windows against their definition, on both sides of the epoch. */
class WindowFunctionTest {
    private static final List<String> COLUMNS = List.of("id", "t");

    @Test
    void shouldAssignInDuckDbExactlyTheWindowsThatHoldEachTime() throws SQLException {
        List<WindowFunction> functions = List.of(WindowFunction.tumble(10), WindowFunction.tumble(10, 3),
                WindowFunction.tumble(5), WindowFunction.hop(2, 10), WindowFunction.hop(3, 9, 1),
                WindowFunction.hop(4, 8, 7));
        List<Long> times = times();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            statement.execute("CREATE TABLE events (id BIGINT, t TIMESTAMP)");
            try (PreparedStatement insert = duckdb.prepareStatement("INSERT INTO events VALUES (?, ?)")) {
                for (int i = 0; i < times.size(); i++) {
                    insert.setLong(1, i);
                    insert.setObject(2, EventTime.toTimestamp(times.get(i)), Types.TIMESTAMP);
                    insert.addBatch();
                }
                insert.setLong(1, times.size());
                insert.setNull(2, Types.TIMESTAMP);
                insert.addBatch();
                insert.executeBatch();
            }
            for (WindowFunction function : functions) {
                Set<List<Long>> actual = new HashSet<>();
                String query = "SELECT id, epoch_ms(window_start), epoch_ms(window_end) FROM "
                        + function.oracleTable("events", COLUMNS, "t") + " AS windows";
                try (ResultSet resultSet = statement.executeQuery(query)) {
                    while (resultSet.next()) {
                        actual.add(List.of(resultSet.getLong(1), resultSet.getLong(2), resultSet.getLong(3)));
                    }
                }

                assertThat(actual).as("windows of %s", function).isEqualTo(windowsByDefinition(function, times));
            }
        }
    }

    @Test
    void shouldWriteFreshetsTableFunctionCalls() {
        assertThat(WindowFunction.tumble(10).freshetTable("bids", "date_time"))
                .isEqualTo("TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))");
        assertThat(WindowFunction.tumble(10, 3).freshetTable("bids", "date_time"))
                .isEqualTo("TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND, "
                        + "INTERVAL '3' SECOND))");
        assertThat(WindowFunction.hop(2, 10).freshetTable("bids", "date_time"))
                .isEqualTo("TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '2' SECOND, "
                        + "INTERVAL '10' SECOND))");
        assertThat(WindowFunction.hop(3, 9, 1).freshetTable("bids", "date_time"))
                .isEqualTo("TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '3' SECOND, "
                        + "INTERVAL '9' SECOND, INTERVAL '1' SECOND))");
    }

    @Test
    void shouldRefuseASizeThatIsNotAMultipleOfTheSlide() {
        assertThatThrownBy(() -> WindowFunction.hop(3, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of the slide");
    }

    /** Every quarter second for a minute around the epoch, and each whole second plus and minus 1 ms. */
    private static List<Long> times() {
        List<Long> times = new ArrayList<>();
        for (long time = -30_000; time <= 30_000; time += 250) {
            times.add(time);
            if (time % 1000 == 0) {
                times.add(time - 1);
                times.add(time + 1);
            }
        }
        return times;
    }

    /** By definition: the starts offset + m * slide whose window [start, start + size) holds the time. */
    private static Set<List<Long>> windowsByDefinition(WindowFunction function, List<Long> times) {
        long slide = function.slideSeconds() * 1000;
        long size = function.sizeSeconds() * 1000;
        long offset = function.offsetSeconds() * 1000;
        Set<List<Long>> windows = new HashSet<>();
        for (int id = 0; id < times.size(); id++) {
            long time = times.get(id);
            for (long m = -100; m <= 100; m++) {
                long start = offset + m * slide;
                if (start <= time && time < start + size) {
                    windows.add(List.of((long) id, start, start + size));
                }
            }
        }
        return windows;
    }
}
