package dev.freshet.tests.sql;

import dev.freshet.tests.process.ServerLaunch;
import dev.freshet.tests.process.ServerProcess;
import java.util.Properties;

/**
 * A {@code .slt} file's server: a real Freshet server process ({@link ServerProcess}), restarted
 * in place by the {@code restart} and {@code kill} directives.
 */
final class FreshetServerProcess implements ServerHandle {
    private final ServerProcess process;

    private FreshetServerProcess(ServerProcess process) {
        this.process = process;
    }

    /**
     * Starts a server and waits until it is ready.
     *
     * @throws dev.freshet.tests.process.ServerFailure if it exits or stays silent past the start timeout
     */
    static FreshetServerProcess start(ServerLaunch launch) {
        ServerProcess process = new ServerProcess(launch);
        process.start();
        return new FreshetServerProcess(process);
    }

    @Override
    public String jdbcUrl() {
        return process.jdbcUrl();
    }

    @Override
    public Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", "freshet");
        properties.setProperty("ApplicationName", "freshet-slt");
        properties.setProperty("connectTimeout", "20");
        // A server that stops answering fails the record instead of hanging the build.
        properties.setProperty("socketTimeout", "60");
        return properties;
    }

    @Override
    public void restart() {
        process.stop();
        process.start();
    }

    @Override
    public void kill() {
        process.kill();
        process.start();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String recentOutput() {
        return process.recentOutput();
    }

    @Override
    public void close() {
        process.close();
    }
}
