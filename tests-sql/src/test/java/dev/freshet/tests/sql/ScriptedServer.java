package dev.freshet.tests.sql;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A server for {@link SltFileRunnerTest} that answers each SQL text as scripted, so the runner's
 * judgement can be tested without a real server.
 *
 * <p>The JDBC interfaces have hundreds of methods and the runner calls a dozen: the sessions are
 * proxies that answer those and throw {@link UnsupportedOperationException} for the rest, so a
 * runner that starts calling something new fails its tests loudly instead of getting a made-up answer.
 */
final class ScriptedServer implements ServerHandle {
    /** How the server answers one SQL text. */
    sealed interface Answer {
    }

    /** One {@code int4} column named {@code x}, one row per value. */
    record Rows(List<String> values) implements Answer {
        Rows {
            values = List.copyOf(requireNonNull(values, "values is null"));
        }
    }

    /** No result set, this many affected rows. */
    record Count(long rows) implements Answer {
    }

    /** An error; a SQLSTATE of class 08 means the session is gone. */
    record Error(String sqlState, String message) implements Answer {
        Error {
            requireNonNull(sqlState, "sqlState is null");
            requireNonNull(message, "message is null");
        }
    }

    /** The server process dies while running the SQL. */
    record Crash() implements Answer {
    }

    private final Map<String, Answer> answers = new HashMap<>();
    private boolean alive = true;

    ScriptedServer answer(String sql, Answer answer) {
        answers.put(requireNonNull(sql, "sql is null"), requireNonNull(answer, "answer is null"));
        return this;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:scripted:";
    }

    @Override
    public Properties connectionProperties() {
        return new Properties();
    }

    @Override
    public Connection connect() throws SQLException {
        if (!alive) {
            throw new SQLException("Connection refused", "08001");
        }
        boolean[] closed = {false};
        InvocationHandler session = (proxy, method, args) -> switch (method.getName()) {
            case "createStatement" -> statement();
            case "isClosed" -> closed[0];
            case "close" -> {
                closed[0] = true;
                yield null;
            }
            default -> throw new UnsupportedOperationException("Connection." + method.getName());
        };
        return proxy(Connection.class, session);
    }

    private Statement statement() {
        Answer[] current = {null};
        InvocationHandler statement = (proxy, method, args) -> switch (method.getName()) {
            case "execute" -> {
                current[0] = run((String) args[0]);
                yield current[0] instanceof Rows;
            }
            case "getLargeUpdateCount" -> current[0] instanceof Count count ? count.rows() : -1L;
            case "getResultSet" -> resultSet((Rows) current[0]);
            case "close" -> null;
            default -> throw new UnsupportedOperationException("Statement." + method.getName());
        };
        return proxy(Statement.class, statement);
    }

    private Answer run(String sql) throws SQLException {
        Answer answer = answers.get(sql);
        if (answer == null) {
            throw new SQLException("ERROR: the scripted server has no answer for: " + sql, "42601");
        }
        if (answer instanceof Error error) {
            throw new SQLException("ERROR: " + error.message(), error.sqlState());
        }
        if (answer instanceof Crash) {
            alive = false;
            throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
        }
        return answer;
    }

    private static ResultSet resultSet(Rows rows) {
        int[] row = {-1};
        ResultSetMetaData metaData = proxy(ResultSetMetaData.class, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getColumnCount" -> 1;
                    case "getColumnLabel" -> "x";
                    case "getColumnTypeName" -> "int4";
                    case "getColumnType" -> Types.INTEGER;
                    default -> throw new UnsupportedOperationException("ResultSetMetaData." + method.getName());
                });
        return proxy(ResultSet.class, (proxy, method, args) -> switch (method.getName()) {
            case "getMetaData" -> metaData;
            case "next" -> ++row[0] < rows.values().size();
            case "getString" -> rows.values().get(row[0]);
            case "close" -> null;
            default -> throw new UnsupportedOperationException("ResultSet." + method.getName());
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(ScriptedServer.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    @Override
    public void restart() {
    }

    @Override
    public void kill() {
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public String recentOutput() {
        return "scripted: crashed";
    }

    @Override
    public void close() {
    }
}
