package dev.freshet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PGInterval;

/** The whole server over pgjdbc: a real RocksDB in a temporary directory, a real socket. */
class FreshetServerTest {
    @TempDir
    Path dataDirectory;

    private FreshetServer server;

    private FreshetServer start() {
        server = FreshetServer.start(ServerConfig.fromArguments(List.of(
                "--port", "0", "--metrics-port", "-1", "--data-dir", dataDirectory.toString())));
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Connection connect(boolean binary) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "freshet");
        properties.setProperty("binaryTransfer", Boolean.toString(binary));
        properties.setProperty("prepareThreshold", binary ? "1" : "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/freshet", properties);
    }

    @Test
    void shouldKeepTablesAndRowsAcrossRestart() throws Exception {
        start();
        try (Connection connection = connect(false); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE users (id INT PRIMARY KEY, name TEXT NOT NULL)");
            statement.execute("CREATE TABLE events (payload TEXT)");
            assertThat(statement.executeUpdate("INSERT INTO users VALUES (1, 'ann'), (2, 'bob')")).isEqualTo(2);
            statement.executeUpdate("INSERT INTO events VALUES ('a'), ('b'), ('a')");
        }
        server.close();
        start();
        try (Connection connection = connect(false); Statement statement = connection.createStatement()) {
            assertThat(rows(statement.executeQuery("SELECT id, name FROM users ORDER BY id")))
                    .containsExactly(List.of(1, "ann"), List.of(2, "bob"));
            assertThat(rows(statement.executeQuery("SELECT payload, count(*) FROM events GROUP BY payload "
                    + "ORDER BY payload"))).containsExactly(List.of("a", 2L), List.of("b", 1L));
            statement.executeUpdate("INSERT INTO events VALUES ('c')");
            assertThat(rows(statement.executeQuery("SELECT count(*) FROM events"))).containsExactly(List.of(4L));
        }
    }

    @Test
    void shouldRoundTripEveryTypeInTextAndBinary() throws Exception {
        start();
        for (boolean binary : new boolean[] {false, true}) {
            String table = binary ? "typed_binary" : "typed_text";
            try (Connection connection = connect(binary)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, b BOOLEAN, s SMALLINT, "
                            + "i INTEGER, r REAL, d DOUBLE PRECISION, n NUMERIC(10, 3), v VARCHAR(10), t TEXT, "
                            + "dt DATE, ts TIMESTAMP, bin BYTEA, tz TIMESTAMPTZ, iv INTERVAL, tm TIME)");
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, 7L);
                    insert.setBoolean(2, true);
                    insert.setShort(3, (short) -3);
                    insert.setInt(4, 123456);
                    insert.setFloat(5, 1.5f);
                    insert.setDouble(6, 0.1);
                    insert.setBigDecimal(7, new BigDecimal("12.345"));
                    insert.setString(8, "żółw");
                    insert.setString(9, "it's");
                    insert.setObject(10, LocalDate.of(2024, 2, 29));
                    insert.setObject(11, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000));
                    insert.setBytes(12, new byte[] {0, 1, (byte) 255});
                    insert.setObject(13, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
                    insert.setObject(14, new PGInterval(0, 0, 1, 2, 30, 0));
                    insert.setObject(15, LocalTime.of(23, 59, 59, 500_000_000));
                    assertThat(insert.executeUpdate()).isEqualTo(1);
                }
                try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + table
                        + " WHERE id = ?")) {
                    select.setLong(1, 7L);
                    try (ResultSet rows = select.executeQuery()) {
                        assertThat(rows.next()).isTrue();
                        assertThat(rows.getBoolean("b")).isTrue();
                        assertThat(rows.getShort("s")).isEqualTo((short) -3);
                        assertThat(rows.getInt("i")).isEqualTo(123456);
                        assertThat(rows.getFloat("r")).isEqualTo(1.5f);
                        assertThat(rows.getDouble("d")).isEqualTo(0.1);
                        assertThat(rows.getBigDecimal("n")).isEqualTo(new BigDecimal("12.345"));
                        assertThat(rows.getString("v")).isEqualTo("żółw");
                        assertThat(rows.getString("t")).isEqualTo("it's");
                        assertThat(rows.getObject("dt", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
                        assertThat(rows.getObject("ts", LocalDateTime.class))
                                .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000));
                        assertThat(rows.getBytes("bin")).containsExactly(0, 1, 255);
                        assertThat(rows.getObject("tz", OffsetDateTime.class).toInstant())
                                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 0, ZoneOffset.UTC).toInstant());
                        assertThat(rows.getObject("iv")).isEqualTo(new PGInterval(0, 0, 1, 2, 30, 0));
                        assertThat(rows.getObject("tm", LocalTime.class)).isEqualTo(LocalTime.of(23, 59, 59, 500_000_000));
                        assertThat(rows.getMetaData().getColumnTypeName(15)).isEqualTo("time");
                        assertThat(rows.next()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void shouldAnswerJdbcDatabaseMetaData() throws Exception {
        start();
        try (Connection connection = connect(false)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE orders (region TEXT, id BIGINT, amount NUMERIC(10, 2), "
                        + "PRIMARY KEY (region, id))");
                statement.execute("CREATE VIEW big_orders AS SELECT id FROM orders WHERE amount > 100");
            }
            java.sql.DatabaseMetaData metadata = connection.getMetaData();
            assertThat(rows(metadata.getTables(null, "public", "%", new String[] {"TABLE", "VIEW"})).stream()
                    .map(row -> row.get(2) + ":" + row.get(3)).toList())
                    .containsExactly("orders:TABLE", "big_orders:VIEW");
            assertThat(rows(metadata.getColumns(null, "public", "orders", "%")).stream()
                    .map(row -> row.get(3) + " " + row.get(5)).toList())
                    .containsExactly("region text", "id int8", "amount numeric");
            assertThat(rows(metadata.getPrimaryKeys(null, "public", "orders")).stream()
                    .map(row -> row.get(3) + "#" + row.get(4) + " " + row.get(5)).toList())
                    .containsExactly("region#1 orders_pkey", "id#2 orders_pkey");
            assertThat(rows(metadata.getSchemas()).stream().map(row -> row.get(0)).toList())
                    .contains("public", "pg_catalog", "information_schema");
        }
    }

    @Test
    void shouldReportConstraintViolationsWithSqlStateAndKeepSession() throws Exception {
        start();
        try (Connection connection = connect(false); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, name TEXT NOT NULL)");
            statement.execute("INSERT INTO t VALUES (1, 'a')");
            assertThatThrownBy(() -> statement.execute("INSERT INTO t VALUES (1, 'b')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            assertThatThrownBy(() -> statement.execute("INSERT INTO t VALUES (2, NULL)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23502"));
            assertThatThrownBy(() -> statement.execute("SELECT * FROM nope"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
            assertThat(rows(statement.executeQuery("SELECT count(*) FROM t"))).containsExactly(List.of(1L));
        }
    }

    @Test
    void shouldBindNullParametersOfPreparedStatements() throws Exception {
        start();
        try (Connection connection = connect(false); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, name TEXT)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                insert.setInt(1, 1);
                insert.setNull(2, Types.VARCHAR);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            assertThat(rows(statement.executeQuery("SELECT id, name FROM t"))).containsExactly(
                    java.util.Arrays.asList(1, null));
        }
    }

    @Test
    void shouldShowEveryCommittedWriteInMaterializedViewsToEverySession() throws Exception {
        start();
        try (Connection writer = connect(false); Connection reader = connect(false);
                Statement writes = writer.createStatement(); Statement reads = reader.createStatement()) {
            writes.execute("CREATE TABLE bids (id INT PRIMARY KEY, auction INT, price INT)");
            writes.execute("CREATE MATERIALIZED VIEW top_price AS SELECT auction, MAX(price) AS top, COUNT(*) AS n "
                    + "FROM bids GROUP BY auction");
            for (int i = 1; i <= 50; i++) {
                writes.executeUpdate("INSERT INTO bids VALUES (" + i + ", " + (i % 3) + ", " + (i * 7 % 40) + ")");
                // Another session's read reflects every write committed before it, without FLUSH.
                assertThat(rows(reads.executeQuery("SELECT sum(n) FROM top_price"))).containsExactly(List.of((long) i));
            }
            writes.executeUpdate("DELETE FROM bids WHERE price >= 30");
            assertThat(rows(reads.executeQuery("SELECT auction, top, n FROM top_price ORDER BY auction")))
                    .isEqualTo(rows(reads.executeQuery("SELECT auction, MAX(price), COUNT(*) FROM bids "
                            + "GROUP BY auction ORDER BY auction")));
        }
    }

    @Test
    void shouldApplyTransactionOnlyOnCommit() throws Exception {
        start();
        try (Connection writer = connect(false); Connection reader = connect(false)) {
            try (Statement statement = writer.createStatement()) {
                statement.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance INT)");
                statement.execute("INSERT INTO accounts VALUES (1, 100), (2, 0)");
            }
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("UPDATE accounts SET balance = balance - 30 WHERE id = 1");
                statement.executeUpdate("UPDATE accounts SET balance = balance + 30 WHERE id = 2");
                assertThat(rows(statement.executeQuery("SELECT sum(balance), max(balance) FROM accounts")))
                        .containsExactly(List.of(100L, 70));
            }
            try (Statement statement = reader.createStatement()) {
                assertThat(rows(statement.executeQuery("SELECT balance FROM accounts ORDER BY id")))
                        .containsExactly(List.of(100), List.of(0));
            }
            writer.rollback();
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("UPDATE accounts SET balance = 1 WHERE id = 2");
            }
            writer.commit();
            try (Statement statement = reader.createStatement()) {
                assertThat(rows(statement.executeQuery("SELECT balance FROM accounts ORDER BY id")))
                        .containsExactly(List.of(100), List.of(1));
            }
        }
    }

    @Test
    void shouldServeHundredConcurrentConnections() throws Exception {
        start();
        try (Connection connection = connect(false); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE hits (id INT PRIMARY KEY, who INT)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int client = 0; client < 100; client++) {
                int id = client;
                results.add(pool.submit(() -> {
                    try (Connection connection = connect(id % 2 == 0);
                            PreparedStatement insert = connection.prepareStatement("INSERT INTO hits VALUES (?, ?)")) {
                        insert.setInt(1, id);
                        insert.setInt(2, id * 10);
                        return insert.executeUpdate();
                    }
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection connection = connect(false); Statement statement = connection.createStatement()) {
            assertThat(rows(statement.executeQuery("SELECT count(*), sum(who) FROM hits")))
                    .containsExactly(List.of(100L, 49500L));
        }
    }

    private static List<List<Object>> rows(ResultSet resultSet) throws SQLException {
        try (resultSet) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = resultSet.getMetaData().getColumnCount();
            while (resultSet.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(resultSet.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
