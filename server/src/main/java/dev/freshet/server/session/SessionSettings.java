package dev.freshet.server.session;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * A session's run-time parameters: the settings clients read with SHOW and change with SET,
 * the ones reported to the client with ParameterStatus, and their defaults.
 *
 * <p>Names are case-insensitive, as in PostgreSQL. Only the settings below exist; SET of another
 * name fails with {@code 42704} so that a typo does not pass silently.
 */
public final class SessionSettings {
    /** The PostgreSQL version Freshet speaks as; clients pick protocol features by it. */
    public static final String SERVER_VERSION = "14.0";

    private static final Map<String, Setting> SETTINGS = settings();

    private final Map<String, String> values = new TreeMap<>();
    private final Map<String, String> changed = new LinkedHashMap<>();

    public SessionSettings(String user, String applicationName, String timeZone) {
        for (Setting setting : SETTINGS.values()) {
            values.put(setting.name, setting.defaultValue);
        }
        values.put("session_authorization", user);
        values.put("application_name", applicationName == null ? "" : applicationName);
        if (timeZone != null) {
            values.put("timezone", canonicalZone(timeZone));
        }
    }

    /** The value of a setting, by any case of its name. */
    public String get(String name) {
        Setting setting = setting(name);
        return values.get(setting.name);
    }

    /** Sets a setting; {@code null} restores its default. */
    public void set(String name, String value) {
        Setting setting = setting(name);
        if (setting.readOnly) {
            throw new FreshetException(ErrorCode.CANT_CHANGE_RUNTIME_PARAM,
                    "parameter \"" + setting.name + "\" cannot be changed");
        }
        String newValue = value == null ? setting.defaultValue : normalize(setting, value);
        values.put(setting.name, newValue);
        if (setting.reported) {
            changed.put(setting.displayName, newValue);
        }
    }

    /** Restores every changeable setting's default. */
    public void resetAll() {
        for (Setting setting : SETTINGS.values()) {
            if (!setting.readOnly && !setting.name.equals("session_authorization")) {
                set(setting.name, null);
            }
        }
    }

    /** The parameters reported to a client right after it authenticates. */
    public Map<String, String> reportedParameters() {
        Map<String, String> reported = new LinkedHashMap<>();
        for (Setting setting : SETTINGS.values()) {
            if (setting.reported) {
                reported.put(setting.displayName, values.get(setting.name));
            }
        }
        return reported;
    }

    /** The reported parameters changed since the last call. */
    public Map<String, String> drainChanges() {
        Map<String, String> drained = new LinkedHashMap<>(changed);
        changed.clear();
        return drained;
    }

    /** Every setting's current value, by its PostgreSQL name, for pg_settings and current_setting(). */
    public Map<String, String> current() {
        Map<String, String> current = new LinkedHashMap<>();
        for (Setting setting : SETTINGS.values()) {
            current.put(setting.name, values.get(setting.name));
        }
        return current;
    }

    /** Every setting with its value and description, for SHOW ALL. */
    public Map<String, String[]> all() {
        Map<String, String[]> all = new TreeMap<>();
        for (Setting setting : SETTINGS.values()) {
            all.put(setting.name, new String[] {values.get(setting.name), setting.description});
        }
        return all;
    }

    /** True when Freshet knows a setting of this name. */
    public static boolean exists(String name) {
        return SETTINGS.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The session's TimeZone as a Java zone. */
    public ZoneId zone() {
        return ZoneId.of(values.get("timezone"));
    }

    public TimeZone timeZone() {
        return TimeZone.getTimeZone(zone());
    }

    private static Setting setting(String name) {
        Setting setting = SETTINGS.get(name.toLowerCase(Locale.ROOT));
        if (setting == null) {
            throw new FreshetException(ErrorCode.UNDEFINED_OBJECT,
                    "unrecognized configuration parameter \"" + name + "\"")
                    .withHint("SHOW ALL lists the parameters Freshet knows.");
        }
        return setting;
    }

    private static String normalize(Setting setting, String value) {
        if (setting.name.equals("timezone")) {
            return canonicalZone(value);
        }
        return value;
    }

    private static String canonicalZone(String value) {
        String zone = value.trim();
        if (zone.equalsIgnoreCase("utc") || zone.equalsIgnoreCase("gmt") || zone.equalsIgnoreCase("z")) {
            return "UTC";
        }
        if (zone.equalsIgnoreCase("local")) {
            return ZoneId.systemDefault().getId();
        }
        try {
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"TimeZone\": \"" + value + "\"")
                    .withHint("Use a zone name such as 'UTC' or 'Europe/Paris', or an offset such as '+02:00'.");
        }
    }

    private static Map<String, Setting> settings() {
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (Setting setting : new Setting[] {
            new Setting("server_version", SERVER_VERSION, true, true, "Shows the server version."),
            new Setting("server_version_num", "140000", false, true, "Shows the server version as an integer."),
            new Setting("server_encoding", "UTF8", true, true, "Shows the server (database) character set encoding."),
            new Setting("client_encoding", "UTF8", true, false, "Sets the client's character set encoding."),
            new Setting("DateStyle", "ISO, MDY", true, false, "Sets the display format for date and time values."),
            new Setting("IntervalStyle", "postgres", true, false, "Sets the display format for interval values."),
            new Setting("TimeZone", "UTC", true, false, "Sets the time zone for displaying and interpreting time stamps."),
            new Setting("integer_datetimes", "on", true, true, "Shows whether datetimes are integer based."),
            new Setting("standard_conforming_strings", "on", true, false, "Causes '...' strings to treat backslashes literally."),
            new Setting("application_name", "", true, false, "Sets the application name to be reported in statistics and logs."),
            new Setting("is_superuser", "on", true, true, "Shows whether the current user is a superuser."),
            new Setting("session_authorization", "freshet", true, true, "Sets the session user name."),
            new Setting("search_path", "\"$user\", public", false, false, "Sets the schema search order for names that are not schema-qualified."),
            new Setting("extra_float_digits", "1", false, false, "Sets the number of digits displayed for floating-point values."),
            new Setting("statement_timeout", "0", false, false, "Sets the maximum allowed duration of any statement (0 turns it off)."),
            new Setting("lock_timeout", "0", false, false, "Sets the maximum allowed duration of any wait for a lock."),
            new Setting("idle_in_transaction_session_timeout", "0", false, false, "Sets the maximum allowed idle time between queries, when in a transaction."),
            new Setting("default_transaction_isolation", "serializable", false, false, "Sets the transaction isolation level of each new transaction."),
            new Setting("transaction_isolation", "serializable", false, false, "Sets the current transaction's isolation level."),
            new Setting("transaction_read_only", "off", false, false, "Sets the current transaction's read-only status."),
            new Setting("default_transaction_read_only", "off", false, false, "Sets the default read-only status of new transactions."),
            new Setting("client_min_messages", "notice", false, false, "Sets the message levels that are sent to the client."),
            new Setting("bytea_output", "hex", false, false, "Sets the output format for bytea."),
            new Setting("max_identifier_length", "63", false, true, "Shows the maximum identifier length."),
            new Setting("lc_messages", "C", false, false, "Sets the language in which messages are displayed."),
            new Setting("lc_monetary", "C", false, false, "Sets the locale for formatting monetary amounts."),
            new Setting("lc_numeric", "C", false, false, "Sets the locale for formatting numbers."),
            new Setting("lc_time", "C", false, false, "Sets the locale for formatting date and time values."),
            new Setting("lc_collate", "C", false, true, "Shows the collation order locale."),
            new Setting("lc_ctype", "C", false, true, "Shows the character classification and case conversion locale."),
            new Setting("max_connections", "200", false, true, "Sets the maximum number of concurrent connections."),
            new Setting("row_security", "on", false, false, "Enable row security."),
            new Setting("synchronous_commit", "on", false, false, "Sets the current transaction's synchronization level."),
            new Setting("geqo", "on", false, false, "Enables genetic query optimization."),
            new Setting("jit", "off", false, false, "Allow JIT compilation."),
            new Setting("enable_seqscan", "on", false, false, "Enables the planner's use of sequential-scan plans."),
            new Setting("work_mem", "4MB", false, false, "Sets the maximum memory to be used for query workspaces."),
            new Setting("timezone_abbreviations", "Default", false, false, "Selects a file of time zone abbreviations."),
        }) {
            settings.put(setting.name, setting);
        }
        return settings;
    }

    /**
     * One parameter.
     *
     * @param displayName the name as PostgreSQL spells it in ParameterStatus
     * @param reported whether changes are reported to the client with ParameterStatus
     * @param readOnly whether SET refuses it
     */
    private record Setting(String name, String displayName, String defaultValue, boolean reported, boolean readOnly,
            String description) {
        Setting(String displayName, String defaultValue, boolean reported, boolean readOnly, String description) {
            this(displayName.toLowerCase(Locale.ROOT), displayName, requireNonNull(defaultValue, "defaultValue is null"),
                    reported, readOnly, description);
        }
    }
}
