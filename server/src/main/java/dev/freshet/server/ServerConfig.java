package dev.freshet.server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * The server's settings, from {@code freshet.conf} ({@code key = value} lines, {@code #}
 * comments) overridden by command-line options.
 *
 * @param host the address PostgreSQL clients connect to
 * @param port the PostgreSQL port; 0 picks a free one
 * @param metricsPort the port of the HTTP {@code /metrics} endpoint; 0 picks a free one, -1 turns it off
 * @param dataDirectory where RocksDB keeps the data
 * @param password the password clients must give, or null to trust every client
 * @param authMethod how a password is asked for: {@code scram-sha-256}, {@code md5} or {@code password}
 * @param maxConnections the most clients connected at once
 * @param timeZone the TimeZone sessions start with
 * @param dataflowWorkers the worker threads of the materialized views' dataflow; 0 means one per core
 * @param epochIntervalMillis how long table changes may wait before an epoch applies them to the
 *     materialized views (a read that needs them does not wait for it)
 * @param subscribeMaxBufferedRows how many rows of changes may wait for a SUBSCRIBE client before
 *     its subscription is ended
 */
public record ServerConfig(String host, int port, int metricsPort, Path dataDirectory, String password,
        String authMethod, int maxConnections, String timeZone, int dataflowWorkers, int epochIntervalMillis,
        int subscribeMaxBufferedRows) {
    public static final int DEFAULT_PORT = 5433;
    public static final int DEFAULT_METRICS_PORT = 9433;

    /** The keys freshet.conf and the command line accept, with their defaults. */
    private static final Map<String, String> DEFAULTS = defaults();

    public ServerConfig {
        requireNonNull(host, "host is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(authMethod, "authMethod is null");
        requireNonNull(timeZone, "timeZone is null");
    }

    public static ServerConfig defaultConfig() {
        return fromSettings(DEFAULTS);
    }

    /**
     * Reads the command line: {@code --host H --port P --metrics-port P --data-dir D --config FILE},
     * and any key of freshet.conf as {@code --key value}.
     *
     * @throws FreshetException {@code INVALID_PARAMETER_VALUE} for an unknown option or a bad value
     */
    public static ServerConfig fromArguments(List<String> arguments) {
        Map<String, String> commandLine = new LinkedHashMap<>();
        Path configFile = null;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                throw invalid("unexpected argument \"" + argument + "\"");
            }
            String key;
            String value;
            int equals = argument.indexOf('=');
            if (equals > 0) {
                key = argument.substring(2, equals);
                value = argument.substring(equals + 1);
            } else {
                key = argument.substring(2);
                if (i + 1 >= arguments.size()) {
                    throw invalid("option --" + key + " needs a value");
                }
                value = arguments.get(++i);
            }
            if (key.equals("config")) {
                configFile = Path.of(value);
            } else {
                commandLine.put(canonicalKey(key), value);
            }
        }
        Map<String, String> settings = new LinkedHashMap<>(DEFAULTS);
        if (configFile != null) {
            settings.putAll(readConfigFile(configFile));
        }
        settings.putAll(commandLine);
        return fromSettings(settings);
    }

    /** The settings of a freshet.conf file. */
    public static Map<String, String> readConfigFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw invalid("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            int comment = line.indexOf('#');
            if (comment >= 0) {
                line = line.substring(0, comment).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw invalid(file + ", line " + number + ": expected key = value, found \"" + line + "\"");
            }
            String value = line.substring(equals + 1).strip();
            if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                    || value.startsWith("\"") && value.endsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            settings.put(canonicalKey(line.substring(0, equals).strip()), value);
        }
        return settings;
    }

    private static String canonicalKey(String key) {
        String canonical = key.toLowerCase(Locale.ROOT).replace('-', '_');
        if (canonical.equals("metrics_port")) {
            canonical = "metrics.port";
        }
        if (canonical.equals("password")) {
            canonical = "auth.password";
        }
        if (!DEFAULTS.containsKey(canonical)) {
            throw invalid("unknown setting \"" + key + "\"; known settings: " + String.join(", ", DEFAULTS.keySet()));
        }
        return canonical;
    }

    private static ServerConfig fromSettings(Map<String, String> settings) {
        String password = settings.get("auth.password");
        String method = settings.get("auth.method").toLowerCase(Locale.ROOT);
        if (!List.of("scram-sha-256", "md5", "password").contains(method)) {
            throw invalid("auth.method must be scram-sha-256, md5 or password, not \"" + method + "\"");
        }
        return new ServerConfig(settings.get("host"), port(settings, "port", false),
                port(settings, "metrics.port", true), Path.of(settings.get("data_dir")),
                password == null || password.isEmpty() ? null : password, method,
                positive(settings, "max_connections"), settings.get("timezone"), nonNegative(settings, "dataflow.workers"),
                positive(settings, "dataflow.epoch_interval_ms"), positive(settings, "subscribe.max_buffered_rows"));
    }

    private static int port(Map<String, String> settings, String key, boolean mayBeOff) {
        int port = integer(settings, key);
        if (port < (mayBeOff ? -1 : 0) || port > 65535) {
            throw invalid(key + " must be between " + (mayBeOff ? "-1 (off)" : "0") + " and 65535, not " + port);
        }
        return port;
    }

    private static int positive(Map<String, String> settings, String key) {
        int value = integer(settings, key);
        if (value <= 0) {
            throw invalid(key + " must be positive, not " + value);
        }
        return value;
    }

    private static int nonNegative(Map<String, String> settings, String key) {
        int value = integer(settings, key);
        if (value < 0) {
            throw invalid(key + " must not be negative, not " + value);
        }
        return value;
    }

    private static int integer(Map<String, String> settings, String key) {
        try {
            return Integer.parseInt(settings.get(key).strip());
        } catch (NumberFormatException e) {
            throw invalid(key + " must be a whole number, not \"" + settings.get(key) + "\"");
        }
    }

    private static FreshetException invalid(String message) {
        return new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, message)
                .withHint("Run ./freshet --help for the options.");
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("host", "127.0.0.1");
        defaults.put("port", Integer.toString(DEFAULT_PORT));
        defaults.put("metrics.port", Integer.toString(DEFAULT_METRICS_PORT));
        defaults.put("data_dir", "freshet-data");
        defaults.put("auth.password", "");
        defaults.put("auth.method", "scram-sha-256");
        defaults.put("max_connections", "200");
        defaults.put("timezone", "UTC");
        defaults.put("dataflow.workers", "0");
        defaults.put("dataflow.epoch_interval_ms", "50");
        defaults.put("subscribe.max_buffered_rows", "100000");
        return defaults;
    }
}
