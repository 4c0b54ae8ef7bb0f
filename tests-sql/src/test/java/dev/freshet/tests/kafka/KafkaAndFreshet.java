package dev.freshet.tests.kafka;

import dev.freshet.testkit.kafka.KafkaBroker;
import dev.freshet.tests.process.DataDirectories;
import dev.freshet.tests.process.ServerLaunch;
import dev.freshet.tests.process.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a Kafka test class runs against, as a JUnit extension registered on a static field: a real
 * Kafka broker in the test's JVM and a Freshet server in a JVM of its own, on a fresh data
 * directory, its log in {@code target/differential-logs}; started before the class's tests and
 * stopped after them.
 */
final class KafkaAndFreshet implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private KafkaBroker kafka;
    private ServerProcess server;
    private Path dataDir;

    /** @param name names the data directory and the server log */
    KafkaAndFreshet(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        kafka = KafkaBroker.start();
        dataDir = Files.createTempDirectory("freshet-" + name);
        Path logs = Path.of("target", "differential-logs").toAbsolutePath();
        Files.createDirectories(logs);
        server = new ServerProcess(ServerLaunch.freshet(List.of("-Xmx1g"), dataDir, logs.resolve(name + ".log"),
                Duration.ofSeconds(90)));
        server.start();
    }

    KafkaBroker kafka() {
        return kafka;
    }

    ServerProcess server() {
        return server;
    }

    /** A new session on the server as it runs now. */
    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "freshet");
        // A server that stops answering fails the test instead of hanging the build.
        properties.setProperty("socketTimeout", "150");
        return DriverManager.getConnection(server.jdbcUrl(), properties);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
            DataDirectories.deleteRecursively(dataDir);
        }
    }
}
