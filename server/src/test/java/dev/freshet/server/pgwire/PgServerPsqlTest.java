package dev.freshet.server.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real psql client against a {@link PgServer} with the fake backend; skipped where psql is absent. */
class PgServerPsqlTest {
    private static final Path PSQL = Path.of("/usr/bin/psql");

    private final FakePgBackend backend = new FakePgBackend();
    private PgServer server;

    @BeforeEach
    void startServer() {
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result psql(String password, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PSQL.toString(), "-X", "-h", "127.0.0.1",
                "-p", Integer.toString(server.port()), "-U", "freshet", "-d", "freshet"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        builder.environment().remove("PGPASSWORD");
        if (password != null) {
            builder.environment().put("PGPASSWORD", password);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("psql did not finish");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    @Test
    void shouldPrintAQueryResultInPsqlsTableFormat() throws Exception {
        server = new PgServer(PgServerConfig.defaults().withPort(0), backend);
        server.start();
        Result result = psql(null, "-c", "select * from series(2)");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("""
                 n | label\s
                ---+-------
                 1 | row 1
                 2 | row 2
                (2 rows)

                """);
    }

    @Test
    void shouldShowErrorsWithTheirPositionAndGoOnWithTheNextCommand() throws Exception {
        server = new PgServer(PgServerConfig.defaults().withPort(0), backend);
        server.start();
        Result result = psql(null, "-A", "-t", "-c", "select boom", "-c", "select 3");
        assertThat(result.output()).contains("ERROR:  column \"boom\" does not exist", "LINE 1: select boom", "3");
    }

    @Test
    void shouldAuthenticateWithScramAndRejectAWrongPassword() throws Exception {
        server = new PgServer(PgServerConfig.defaults().withPort(0).withPassword("s3cret"), backend);
        server.start();
        Result good = psql("s3cret", "-A", "-t", "-c", "select 11");
        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(good.output().strip()).isEqualTo("11");
        Result bad = psql("wrong", "-A", "-t", "-c", "select 11");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.output()).contains("password authentication failed for user \"freshet\"");
    }

    @Test
    void shouldAuthenticateWithMd5() throws Exception {
        server = new PgServer(PgServerConfig.defaults().withPort(0).withPassword("s3cret")
                .withAuthMethod(PgServerConfig.AuthMethod.MD5), backend);
        server.start();
        Result good = psql("s3cret", "-A", "-t", "-c", "select 12");
        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(good.output().strip()).isEqualTo("12");
    }
}
