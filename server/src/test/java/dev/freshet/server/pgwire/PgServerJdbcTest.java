package dev.freshet.server.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import java.io.DataOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Real pgjdbc against a {@link PgServer} on an ephemeral port with the fake backend. */
class PgServerJdbcTest {
    private final FakePgBackend backend = new FakePgBackend();
    private PgServer server;

    @BeforeEach
    void startServer() {
        server = new PgServer(PgServerConfig.defaults().withPort(0), backend);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Connection connect(String options) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "freshet");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/freshet" + options,
                properties);
    }

    @Test
    void shouldTellConnectedClientsTheServerIsStoppingWith57P01() throws SQLException {
        try (Connection connection = connect("")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("select * from series(1)");
            }
            server.close();
            assertThatThrownBy(() -> connection.createStatement().execute("select * from series(1)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("57P01");
                        assertThat(e.getMessage()).contains("terminating connection due to administrator command");
                    });
        }
    }

    @Test
    void shouldRunSimpleQueriesWithoutPassword() throws SQLException {
        try (Connection connection = connect("?preferQueryMode=simple");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from series(3)")) {
            List<String> labels = new ArrayList<>();
            while (rows.next()) {
                labels.add(rows.getLong(1) + ":" + rows.getString("label"));
            }
            assertThat(labels).containsExactly("1:row 1", "2:row 2", "3:row 3");
        }
        assertThat(backend.lastStartup.user()).isEqualTo("freshet");
        assertThat(backend.lastStartup.database()).isEqualTo("freshet");
    }

    @Test
    void shouldRunExtendedQueriesWithNamedStatementsAndBinaryTransfer() throws SQLException {
        try (Connection connection = connect("?prepareThreshold=1&binaryTransfer=true");
                PreparedStatement statement = connection.prepareStatement("select ?, ?, ?, ?, ?")) {
            for (int i = 0; i < 3; i++) {
                statement.setInt(1, 41 + i);
                statement.setString(2, "hello " + i);
                statement.setBigDecimal(3, new BigDecimal("12.50"));
                statement.setObject(4, LocalDate.of(2024, 2, 29));
                statement.setObject(5, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000));
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(41 + i);
                    assertThat(rows.getString(2)).isEqualTo("hello " + i);
                    assertThat(rows.getBigDecimal(3)).isEqualByComparingTo("12.50");
                    assertThat(rows.getObject(4, LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
                    assertThat(rows.getObject(5, LocalDateTime.class))
                            .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000));
                }
            }
        }
    }

    @Test
    void shouldReadEveryColumnTypeInTextAndBinary() throws SQLException {
        for (String options : List.of("?preferQueryMode=simple", "?prepareThreshold=-1&binaryTransfer=true")) {
            try (Connection connection = connect(options);
                    PreparedStatement statement = connection.prepareStatement("select * from types");
                    ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBoolean("b")).isTrue();
                assertThat(rows.getShort("i2")).isEqualTo((short) 1);
                assertThat(rows.getInt("i4")).isEqualTo(2);
                assertThat(rows.getLong("i8")).isEqualTo(3L);
                assertThat(rows.getFloat("f4")).isEqualTo(1.5f);
                assertThat(rows.getDouble("f8")).isEqualTo(1e20);
                assertThat(rows.getBigDecimal("num")).isEqualTo(new BigDecimal("123.4500"));
                assertThat(rows.getString("t")).isEqualTo("a b");
                assertThat(rows.getBytes("bytes")).containsExactly(1, 2, 0xff);
                assertThat(rows.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
                assertThat(rows.getString("tm")).isEqualTo("03:04:05.123456");
                assertThat(rows.getObject("ts", LocalDateTime.class))
                        .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000));
                assertThat(rows.getObject("tstz", OffsetDateTime.class))
                        .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
                assertThat(rows.getString("iv")).isEqualTo("1 year 2 mons 3 days 04:05:06.5");
                if (options.contains("simple")) {
                    // pgjdbc looks array element types up in pg_catalog, which the fake lacks.
                    assertThat(rows.getString("ints")).isEqualTo("{1,2,NULL}");
                    assertThat(rows.getString("texts")).isEqualTo("{\"a b\",NULL,c}");
                }
                assertThat(rows.getString("nothing")).isNull();
                assertThat(rows.wasNull()).isTrue();
            }
        }
    }

    @Test
    void shouldFetchInBatchesWithPortalSuspendedInsideATransaction() throws SQLException {
        try (Connection connection = connect("")) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(7);
                long sum = 0;
                int count = 0;
                try (ResultSet rows = statement.executeQuery("select * from series(2500)")) {
                    while (rows.next()) {
                        sum += rows.getLong(1);
                        count++;
                    }
                }
                assertThat(count).isEqualTo(2500);
                assertThat(sum).isEqualTo(2500L * 2501 / 2);
            }
            connection.commit();
        }
    }

    @Test
    void shouldReportSqlStateAndPositionOfErrorsAndKeepTheSessionUsable() throws SQLException {
        try (Connection connection = connect("?preferQueryMode=simple");
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("select 1; select boom"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42703");
                        assertThat(e.getServerErrorMessage().getPosition()).isEqualTo(18);
                        assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("column \"boom\" does not exist");
                    });
            try (ResultSet rows = statement.executeQuery("select 7")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
            }
        }
        try (Connection connection = connect("?prepareThreshold=1");
                PreparedStatement statement = connection.prepareStatement("select boom")) {
            assertThatThrownBy(statement::executeQuery).isInstanceOfSatisfying(PSQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("42703"));
        }
    }

    @Test
    void shouldCancelARunningStatement() throws Exception {
        try (Connection connection = connect("");
                Statement statement = connection.createStatement()) {
            CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(300);
                    statement.cancel();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> statement.executeQuery("select pg_sleep(60)"))
                    .isInstanceOfSatisfying(PSQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            cancel.get(5, TimeUnit.SECONDS);
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
            try (ResultSet rows = statement.executeQuery("select 5")) {
                assertThat(rows.next()).isTrue();
            }
        }
    }

    @Test
    void shouldReportParameterChangesAndRenderTimestamptzInTheNewZone() throws SQLException {
        try (Connection connection = connect("?preferQueryMode=simple");
                Statement statement = connection.createStatement()) {
            statement.execute("set timezone to 'Asia/Kolkata'");
            try (ResultSet rows = statement.executeQuery("select * from types")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("tstz")).isEqualTo("2024-01-02 08:34:05+05:30");
            }
        }
    }

    @Test
    void shouldServeAHundredConcurrentConnections() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(100);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(clients.submit(() -> {
                    try (Connection connection = connect("");
                            Statement statement = connection.createStatement();
                            ResultSet rows = statement.executeQuery("select * from series(50)")) {
                        long sum = 0;
                        while (rows.next()) {
                            sum += rows.getLong(1);
                        }
                        return sum;
                    }
                }));
            }
            for (Future<Long> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(1275L);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void shouldAuthenticateWithScramAndRejectAWrongPassword() throws SQLException {
        try (PgServer secured = new PgServer(PgServerConfig.defaults().withPort(0).withPassword("pä55"), backend)) {
            secured.start();
            String url = "jdbc:postgresql://127.0.0.1:" + secured.port() + "/freshet";
            try (Connection connection = DriverManager.getConnection(url, "freshet", "pä55");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select 9")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(9);
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url, "freshet", "nope"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("28P01");
                        assertThat(e.getMessage()).contains("password authentication failed for user \"freshet\"");
                    });
        }
    }

    @Test
    void shouldRefuseConnectionsBeyondTheMaximumWith53300() throws SQLException {
        try (PgServer small = new PgServer(PgServerConfig.defaults().withPort(0).withMaxConnections(1), backend)) {
            small.start();
            String url = "jdbc:postgresql://127.0.0.1:" + small.port() + "/freshet";
            try (Connection first = DriverManager.getConnection(url, "freshet", "")) {
                assertThatThrownBy(() -> DriverManager.getConnection(url, "freshet", ""))
                        .isInstanceOfSatisfying(PSQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("53300"));
                assertThat(first.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void shouldKeepServingAfterAClientSendsGarbage() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo('E');
            while (in.read() >= 0) {
                // drain until the server closes the connection
            }
        }
        try (Connection connection = connect("");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select 1")) {
            assertThat(rows.next()).isTrue();
        }
    }

    @Test
    void shouldStreamALargeResultToAClient() throws SQLException {
        try (Connection connection = connect("?preferQueryMode=simple");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from series(200000)")) {
            long count = 0;
            while (rows.next()) {
                count++;
            }
            assertThat(count).isEqualTo(200_000);
        }
    }

    @Test
    void shouldStopFetchingWhileAClientDoesNotRead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setReceiveBufferSize(4096);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] startup = "user\0freshet\0\0".getBytes(StandardCharsets.US_ASCII);
            out.writeInt(8 + startup.length);
            out.writeInt(196608);
            out.write(startup);
            byte[] query = "select * from series(2000000)\0".getBytes(StandardCharsets.US_ASCII);
            out.writeByte('Q');
            out.writeInt(4 + query.length);
            out.write(query);
            out.flush();
            int previous = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (backend.fetches.get() != previous && System.nanoTime() < deadline) {
                previous = backend.fetches.get();
                Thread.sleep(500);
            }
            // 2000 fetches of 1000 rows would be the whole result; a stalled reader must stop it early.
            assertThat(backend.fetches.get()).isBetween(1, 1000);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (backend.closedSessions.get() < backend.openSessions.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(backend.closedSessions.get()).isEqualTo(backend.openSessions.get());
    }

    @Test
    void shouldCloseSessionsWhenClientsDisconnect() throws Exception {
        try (Connection connection = connect("")) {
            assertThat(connection.isValid(5)).isTrue();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (backend.closedSessions.get() < backend.openSessions.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(backend.closedSessions.get()).isEqualTo(backend.openSessions.get());
    }
}
