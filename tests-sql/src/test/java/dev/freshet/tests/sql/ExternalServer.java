package dev.freshet.tests.sql;

import static java.util.Objects.requireNonNull;

import java.util.Properties;

/**
 * A server the tests did not start, named by {@code -Dfreshet.slt.url}: for running the files
 * against a Freshet under a debugger, or against PostgreSQL to check that an expectation is
 * really what PostgreSQL prints. The runner cannot restart such a server, so {@code restart} and
 * {@code kill} only reconnect.
 */
final class ExternalServer implements ServerHandle {
    private final String url;
    private final String user;
    private final String password;

    ExternalServer(String url, String user, String password) {
        this.url = requireNonNull(url, "url is null");
        this.user = requireNonNull(user, "user is null");
        this.password = password;
    }

    @Override
    public String jdbcUrl() {
        return url;
    }

    @Override
    public Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "freshet-slt");
        properties.setProperty("socketTimeout", "120");
        return properties;
    }

    @Override
    public void restart() {
        // Not ours to restart: the runner reconnects, which is all an external server allows.
    }

    @Override
    public void kill() {
        // As restart.
    }

    @Override
    public boolean isAlive() {
        return true;
    }

    @Override
    public String recentOutput() {
        return "";
    }

    @Override
    public void close() {
    }
}
