package dev.freshet.server.catalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run-time settings {@code pg_settings}, {@code SHOW} and {@code current_setting()} report:
 * the ones PostgreSQL clients read on connect, with PostgreSQL 15's defaults, overridden by the
 * session's values. Names compare case-insensitively, as PostgreSQL's GUC names do.
 */
final class PgSettings {
    /** A setting as {@code pg_settings} describes it. */
    record Setting(String name, String value, String unit, String category, String description, String type) {
        Setting {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
            requireNonNull(category, "category is null");
            requireNonNull(description, "description is null");
            requireNonNull(type, "type is null");
        }

        Setting withValue(String newValue) {
            return new Setting(name, newValue, unit, category, description, type);
        }
    }

    private static final List<Setting> DEFAULTS = List.of(
            new Setting("application_name", "", null, "Reporting and Logging / What to Log",
                    "Sets the application name to be reported in statistics and logs.", "string"),
            new Setting("client_encoding", "UTF8", null, "Client Connection Defaults / Locale and Formatting",
                    "Sets the client's character set encoding.", "string"),
            new Setting("DateStyle", "ISO, MDY", null, "Client Connection Defaults / Locale and Formatting",
                    "Sets the display format for date and time values.", "string"),
            new Setting("default_transaction_isolation", "serializable", null,
                    "Client Connection Defaults / Statement Behavior",
                    "Sets the transaction isolation level of each new transaction.", "enum"),
            new Setting("default_transaction_read_only", "off", null, "Client Connection Defaults / Statement Behavior",
                    "Sets the default read-only status of new transactions.", "bool"),
            new Setting("extra_float_digits", "1", null, "Client Connection Defaults / Locale and Formatting",
                    "Sets the number of digits displayed for floating-point values.", "integer"),
            new Setting("integer_datetimes", "on", null, "Preset Options",
                    "Shows whether datetimes are integer based.", "bool"),
            new Setting("IntervalStyle", "postgres", null, "Client Connection Defaults / Locale and Formatting",
                    "Sets the display format for interval values.", "enum"),
            new Setting("is_superuser", "on", null, "Preset Options",
                    "Shows whether the current user is a superuser.", "bool"),
            new Setting("lc_collate", "C", null, "Preset Options",
                    "Shows the collation order locale.", "string"),
            new Setting("lc_ctype", "C", null, "Preset Options",
                    "Shows the character classification and case conversion locale.", "string"),
            new Setting("max_identifier_length", "63", null, "Preset Options",
                    "Shows the maximum identifier length.", "integer"),
            new Setting("search_path", "\"$user\", public", null, "Client Connection Defaults / Statement Behavior",
                    "Sets the schema search order for names that are not schema-qualified.", "string"),
            new Setting("server_encoding", "UTF8", null, "Preset Options",
                    "Shows the server (database) character set encoding.", "string"),
            new Setting("server_version", "14.0", null, "Preset Options",
                    "Shows the server version.", "string"),
            new Setting("server_version_num", "140000", null, "Preset Options",
                    "Shows the server version as an integer.", "integer"),
            new Setting("standard_conforming_strings", "on", null, "Compatibility / Previous PostgreSQL Versions",
                    "Causes '...' strings to treat backslashes literally.", "bool"),
            new Setting("statement_timeout", "0", "ms", "Client Connection Defaults / Statement Behavior",
                    "Sets the maximum allowed duration of any statement.", "integer"),
            new Setting("TimeZone", "UTC", null, "Client Connection Defaults / Locale and Formatting",
                    "Sets the time zone for displaying and interpreting time stamps.", "string"),
            new Setting("transaction_isolation", "serializable", null,
                    "Client Connection Defaults / Statement Behavior",
                    "Sets the current transaction's isolation level.", "enum"),
            new Setting("transaction_read_only", "off", null, "Client Connection Defaults / Statement Behavior",
                    "Sets the current transaction's read-only status.", "bool"));

    private PgSettings() {
    }

    /**
     * The settings in name order: the defaults with the session's values in place of theirs, and
     * the session's other settings after them under "Customized Options".
     */
    static List<Setting> merge(Map<String, String> sessionValues) {
        Map<String, String> byLowerName = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : sessionValues.entrySet()) {
            byLowerName.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue());
        }
        List<Setting> settings = new ArrayList<>();
        for (Setting setting : DEFAULTS) {
            String value = byLowerName.remove(setting.name().toLowerCase(Locale.ROOT));
            settings.add(value == null ? setting : setting.withValue(value));
        }
        for (Map.Entry<String, String> entry : sessionValues.entrySet()) {
            String lowerName = entry.getKey().toLowerCase(Locale.ROOT);
            if (byLowerName.containsKey(lowerName) && entry.getValue() != null) {
                settings.add(new Setting(entry.getKey(), entry.getValue(), null, "Customized Options",
                        "Set by the session.", "string"));
            }
        }
        settings.sort((left, right) -> left.name().compareToIgnoreCase(right.name()));
        return settings;
    }
}
