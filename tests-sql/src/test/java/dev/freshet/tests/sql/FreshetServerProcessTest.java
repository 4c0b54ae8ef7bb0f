package dev.freshet.tests.sql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.freshet.tests.process.ServerFailure;
import dev.freshet.tests.process.ServerLaunch;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process lifecycle, driven against {@link FakeServerMain} so it needs no real server. */
class FreshetServerProcessTest {
    @TempDir
    Path work;

    @Test
    void shouldConnectToThePortOfTheReadyLine() throws IOException {
        try (FreshetServerProcess server = FreshetServerProcess.start(launch("normal", Duration.ofSeconds(30)))) {
            assertThat(server.jdbcUrl()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/freshet");
            try (Socket socket = new Socket("127.0.0.1", port(server))) {
                assertThat(socket.isConnected()).isTrue();
            }
            assertThat(server.isAlive()).isTrue();
            assertThat(server.connectionProperties().getProperty("user")).isEqualTo("freshet");
        }
    }

    @Test
    void shouldRestartOnTheSameDataDirectory() throws IOException {
        try (FreshetServerProcess server = FreshetServerProcess.start(launch("normal", Duration.ofSeconds(30)))) {
            server.restart();

            assertThat(Files.readString(work.resolve("data/starts"), UTF_8)).isEqualTo("2");
            assertThat(server.isAlive()).isTrue();
            try (Socket socket = new Socket("127.0.0.1", port(server))) {
                assertThat(socket.isConnected()).isTrue();
            }
        }
    }

    @Test
    void shouldComeBackAfterKill() throws IOException {
        try (FreshetServerProcess server = FreshetServerProcess.start(launch("normal", Duration.ofSeconds(30)))) {
            server.kill();

            assertThat(Files.readString(work.resolve("data/starts"), UTF_8)).isEqualTo("2");
            assertThat(server.isAlive()).isTrue();
        }
        assertThat(Files.readString(work.resolve("server.log"), UTF_8))
                .contains("freshet-test: kill -9")
                .contains("freshet: listening for PostgreSQL clients on");
    }

    @Test
    void shouldShowTheOutputWhenTheServerExitsBeforeItIsReady() {
        assertThatThrownBy(() -> FreshetServerProcess.start(launch("exit", Duration.ofSeconds(30))))
                .isInstanceOf(ServerFailure.class)
                .hasMessageContaining("exited with code 3 before it was ready")
                .hasMessageContaining("fake: boom");
    }

    @Test
    void shouldShowTheOutputWhenNoReadyLineComesInTime() {
        assertThatThrownBy(() -> FreshetServerProcess.start(launch("silent", Duration.ofSeconds(3))))
                .isInstanceOf(ServerFailure.class)
                .hasMessageContaining("no ready line within 3 s")
                .hasMessageContaining("fake: starting in mode silent");
    }

    @Test
    void shouldFailTheRestartOfAServerThatIgnoresSigterm() {
        try (FreshetServerProcess server = FreshetServerProcess.start(launch("stubborn", Duration.ofSeconds(30)))) {
            assertThatThrownBy(server::restart)
                    .isInstanceOf(ServerFailure.class)
                    .hasMessageContaining("did not stop within 2 s of SIGTERM");
            assertThat(server.isAlive()).isFalse();
        }
    }

    private ServerLaunch launch(String mode, Duration startTimeout) {
        return new ServerLaunch(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                FakeServerMain.class.getName(),
                System.getProperty("java.class.path"),
                List.of("-Xmx64m", "-Dfake.mode=" + mode),
                work.resolve("data"),
                work.resolve("server.log"),
                startTimeout,
                Duration.ofSeconds(2),
                List.of());
    }

    private static int port(FreshetServerProcess server) {
        String url = server.jdbcUrl();
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.lastIndexOf('/')));
    }
}
