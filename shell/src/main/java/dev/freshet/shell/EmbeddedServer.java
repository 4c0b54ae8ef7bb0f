package dev.freshet.shell;

import java.nio.file.Path;
import java.util.List;

import dev.freshet.server.FreshetServer;
import dev.freshet.server.ServerConfig;

/**
 * A Freshet server inside the shell's process ({@code --embedded}), on a free port of loopback,
 * its log in {@code freshet.log} of its data directory so it does not mix with the shell's output.
 */
final class EmbeddedServer implements AutoCloseable {
    private final FreshetServer server;

    private EmbeddedServer(FreshetServer server) {
        this.server = server;
    }

    static EmbeddedServer start(Path dataDirectory) {
        // Before the first logger exists: slf4j-simple reads its settings once.
        System.setProperty("org.slf4j.simpleLogger.logFile",
                dataDirectory.toAbsolutePath().resolve("freshet.log").toString());
        dataDirectory.toFile().mkdirs();
        ServerConfig config = ServerConfig.fromArguments(List.of("--host", "127.0.0.1", "--port", "0",
                "--metrics-port", "-1", "--data-dir", dataDirectory.toString()));
        return new EmbeddedServer(FreshetServer.start(config));
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
