package dev.freshet.server.catalog;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.DataContext;
import org.apache.calcite.sql.type.SqlTypeName;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.SqlPlanner;
import dev.freshet.server.catalog.PgCatalogSnapshot.Relation;

/**
 * The implementations of PostgreSQL's catalog and session functions, called by the code Calcite
 * generates (see {@link CatalogFunction}); {@link PgCatalogExtension} registers them under
 * PostgreSQL's names. Values are in Calcite's internal representation: OIDs Long, timestamps
 * Long milliseconds, arrays List. NULL arguments give NULL unless PostgreSQL says otherwise.
 */
public final class PgFunctions {
    /** What version() says: PostgreSQL's format first, since clients parse the version out of it. */
    public static final String VERSION = "PostgreSQL 14.0 (Freshet 0.1.0) on x86_64-pc-linux-gnu, compiled by javac 17,"
            + " 64-bit";

    private PgFunctions() {
    }

    public static String version() {
        return VERSION;
    }

    /** The first schema of the search path: user objects live in {@code public}. */
    public static String currentSchema() {
        return SqlPlanner.PUBLIC_SCHEMA;
    }

    public static String currentDatabase(DataContext context) {
        return PgCatalogSnapshot.of(context).database();
    }

    /** The schemas of the search path; with {@code includeImplicit}, pg_catalog first, as PostgreSQL searches it. */
    public static List<String> currentSchemas(Boolean includeImplicit) {
        if (includeImplicit == null) {
            return null;
        }
        List<String> schemas = new ArrayList<>();
        if (includeImplicit) {
            schemas.add(SqlPlanner.PG_CATALOG_SCHEMA);
        }
        schemas.add(SqlPlanner.PUBLIC_SCHEMA);
        return schemas;
    }

    public static String currentSetting(DataContext context, String name) {
        return currentSetting(context, name, false);
    }

    public static String currentSetting(DataContext context, String name, Boolean missingOk) {
        if (name == null) {
            return null;
        }
        String value = PgCatalogSnapshot.of(context).setting(name);
        if (value == null && !Boolean.TRUE.equals(missingOk)) {
            throw new FreshetException(ErrorCode.UNDEFINED_OBJECT,
                    "unrecognized configuration parameter \"" + name + "\"");
        }
        return value;
    }

    public static Boolean pgTableIsVisible(DataContext context, Long oid) {
        if (oid == null) {
            return null;
        }
        return PgCatalogSnapshot.of(context).isVisible(oid);
    }

    /** Every type Freshet lists lives in pg_catalog, which is always searched. */
    public static Boolean pgTypeIsVisible(Long oid) {
        if (oid == null) {
            return null;
        }
        return PgType.byOid(oid) != null || arrayElement(oid) != null;
    }

    /** pg_proc lists no function, so no OID names a visible one: NULL, as PostgreSQL answers for an unknown OID. */
    public static Boolean pgFunctionIsVisible(Long oid) {
        return null;
    }

    public static String formatType(Long oid, Integer typmod) {
        if (oid == null) {
            return null;
        }
        int modifier = typmod == null ? -1 : typmod;
        PgType element = arrayElement(oid);
        if (element != null) {
            return PgType.formatType(element.oid(), modifier) + "[]";
        }
        return PgType.formatType(oid, modifier);
    }

    private static PgType arrayElement(long arrayOid) {
        for (PgType type : PgType.values()) {
            if (type.arrayOid() == arrayOid && !type.isColumnOnly()) {
                return type;
            }
        }
        return null;
    }

    public static String pgGetUserById(DataContext context, Long oid) {
        if (oid == null) {
            return null;
        }
        if (oid == PgCatalogSnapshot.SUPERUSER_OID) {
            return PgCatalogSnapshot.of(context).user();
        }
        return "unknown (OID=" + oid + ")";
    }

    /** Freshet keeps expressions (column defaults) as SQL text, which is already what this prints. */
    public static String pgGetExpr(String expression, Long relationOid) {
        return expression;
    }

    public static String pgGetExpr(String expression, Long relationOid, Boolean pretty) {
        return expression;
    }

    public static String pgGetIndexDef(DataContext context, Long indexOid) {
        return pgGetIndexDef(context, indexOid, 0, false);
    }

    /** With {@code column} 0 the whole CREATE INDEX statement, else the name of that key column. */
    public static String pgGetIndexDef(DataContext context, Long indexOid, Integer column, Boolean pretty) {
        if (indexOid == null) {
            return null;
        }
        Relation index = PgCatalogSnapshot.of(context).relation(indexOid);
        if (index == null || !index.relationKind().equals("i")) {
            return null;
        }
        int number = column == null ? 0 : column;
        if (number == 0) {
            return PgCatalogSnapshot.indexDefinition(index);
        }
        if (number > index.attributes().size()) {
            return "";
        }
        return PgIdentifiers.quote(index.attributes().get(number - 1).name());
    }

    public static String pgGetConstraintDef(DataContext context, Long constraintOid) {
        return pgGetConstraintDef(context, constraintOid, false);
    }

    public static String pgGetConstraintDef(DataContext context, Long constraintOid, Boolean pretty) {
        if (constraintOid == null) {
            return null;
        }
        Relation table = PgCatalogSnapshot.of(context).tableOfConstraint(constraintOid);
        return table == null ? null : PgCatalogSnapshot.constraintDefinition(table);
    }

    public static String pgGetViewDef(DataContext context, Long viewOid) {
        if (viewOid == null) {
            return null;
        }
        Relation view = PgCatalogSnapshot.of(context).relation(viewOid);
        return view == null ? null : view.viewQuery();
    }

    public static String pgGetViewDef(DataContext context, Long viewOid, Boolean pretty) {
        return pgGetViewDef(context, viewOid);
    }

    /** Freshet stores no comments. */
    public static String objDescription(Long oid) {
        return null;
    }

    public static String objDescription(Long oid, String catalogName) {
        return null;
    }

    public static String colDescription(Long relationOid, Integer columnNumber) {
        return null;
    }

    public static String shobjDescription(Long oid, String catalogName) {
        return null;
    }

    public static String pgEncodingToChar(Integer encoding) {
        if (encoding == null) {
            return null;
        }
        if (encoding == PgCatalogTables.UTF8_ENCODING) {
            return "UTF8";
        }
        return encoding == 0 ? "SQL_ASCII" : "";
    }

    /** Freshet has one role, a superuser: every privilege is held. */
    public static Boolean hasPrivilege(Object object, String privilege) {
        return true;
    }

    public static Boolean hasPrivilege(String user, Object object, String privilege) {
        return true;
    }

    /** Freshet runs in one process; its id stands for PostgreSQL's per-session backend process. */
    public static Integer pgBackendPid() {
        return (int) ProcessHandle.current().pid();
    }

    public static Long pgPostmasterStartTime() {
        return ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    public static Boolean pgIsInRecovery() {
        return false;
    }

    public static Boolean pgRelationIsPublishable(Object relation) {
        return false;
    }

    public static String pgGetStatisticsObjDefColumns(Long oid) {
        return null;
    }

    /** Sizes are not tracked per relation yet; 0 keeps psql's {@code \dt+} working. */
    public static Long pgRelationSize(Long oid) {
        return oid == null ? null : 0L;
    }

    public static String pgSizePretty(Long bytes) {
        if (bytes == null) {
            return null;
        }
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        long value = bytes;
        int unit = 0;
        // PostgreSQL switches unit once the value reaches 10 * 1024 of the current one.
        while (Math.abs(value) >= 10 * 1024 && unit < units.length - 1) {
            value = Math.round(value / 1024.0);
            unit++;
        }
        return value + " " + units[unit];
    }

    /** now(), the start of the current statement (as CURRENT_TIMESTAMP), as timestamptz. */
    public static Long now(DataContext context) {
        return (Long) context.get(DataContext.Variable.CURRENT_TIMESTAMP.camelName);
    }

    /** date_trunc(field, timestamp): the timestamp cut down to the start of its field. */
    public static Long dateTrunc(String field, Long timestamp) {
        if (field == null || timestamp == null) {
            return null;
        }
        java.time.LocalDateTime local = java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(timestamp, 1000L),
                (int) Math.floorMod(timestamp, 1000L) * 1_000_000, java.time.ZoneOffset.UTC);
        return truncate(field, local).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
    }

    private static java.time.LocalDateTime truncate(String field, java.time.LocalDateTime value) {
        switch (field.toLowerCase(java.util.Locale.ROOT)) {
            case "microseconds", "milliseconds":
                return value;
            case "second":
                return value.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            case "minute":
                return value.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            case "hour":
                return value.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            case "day":
                return value.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            case "week":
                return value.truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                        .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            case "month":
                return value.truncatedTo(java.time.temporal.ChronoUnit.DAYS).withDayOfMonth(1);
            case "quarter":
                return value.truncatedTo(java.time.temporal.ChronoUnit.DAYS).withDayOfMonth(1)
                        .withMonth((value.getMonthValue() - 1) / 3 * 3 + 1);
            case "year":
                return value.truncatedTo(java.time.temporal.ChronoUnit.DAYS).withDayOfYear(1);
            case "decade":
                return value.truncatedTo(java.time.temporal.ChronoUnit.DAYS).withDayOfYear(1)
                        .withYear(Math.floorDiv(value.getYear(), 10) * 10);
            case "century":
                return value.truncatedTo(java.time.temporal.ChronoUnit.DAYS).withDayOfYear(1)
                        .withYear(Math.floorDiv(value.getYear() - 1, 100) * 100 + 1);
            default:
                throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                        "unit \"" + field + "\" not recognized for date_trunc")
                        .withHint("Use second, minute, hour, day, week, month, quarter, year, decade or century.");
        }
    }

    /**
     * information_schema._pg_expandarray(array): one row per element, with the element ({@code x})
     * and its 1-based position ({@code n}). Takes an array or an int2vector's text ("1 2").
     */
    public static org.apache.calcite.schema.ScannableTable pgExpandArray(Object array) {
        List<Object[]> rows = new ArrayList<>();
        List<?> elements;
        if (array instanceof List<?> list) {
            elements = list;
        } else if (array == null || array.toString().isBlank()) {
            elements = List.of();
        } else {
            List<Object> parsed = new ArrayList<>();
            for (String part : array.toString().trim().replace("{", "").replace("}", "").split("[\\s,]+")) {
                parsed.add(Integer.parseInt(part));
            }
            elements = parsed;
        }
        for (int i = 0; i < elements.size(); i++) {
            rows.add(new Object[] {((Number) elements.get(i)).intValue(), i + 1});
        }
        return new ExpandedArray(rows);
    }

    /** The rows of _pg_expandarray. */
    private static final class ExpandedArray extends org.apache.calcite.schema.impl.AbstractTable
            implements org.apache.calcite.schema.ScannableTable {
        private final List<Object[]> rows;

        ExpandedArray(List<Object[]> rows) {
            this.rows = rows;
        }

        @Override
        public org.apache.calcite.rel.type.RelDataType getRowType(
                org.apache.calcite.rel.type.RelDataTypeFactory typeFactory) {
            return typeFactory.builder().add("x", SqlTypeName.INTEGER).add("n", SqlTypeName.INTEGER).build();
        }

        @Override
        public org.apache.calcite.linq4j.Enumerable<Object[]> scan(DataContext root) {
            return org.apache.calcite.linq4j.Linq4j.asEnumerable(rows);
        }
    }

    /**
     * pg_options_to_table(options): the {@code name=value} elements of an options array
     * ({@code ftoptions}, {@code reloptions}, …) as rows of {@code option_name} and
     * {@code option_value}, as psql's {@code \d} of a foreign table reads them.
     */
    public static org.apache.calcite.schema.ScannableTable pgOptionsToTable(Object options) {
        return new OptionsTable(ForeignServers.parseOptions(options));
    }

    /** The rows of pg_options_to_table. */
    private static final class OptionsTable extends org.apache.calcite.schema.impl.AbstractTable
            implements org.apache.calcite.schema.ScannableTable {
        private final List<Object[]> rows;

        OptionsTable(List<Object[]> rows) {
            this.rows = rows;
        }

        @Override
        public org.apache.calcite.rel.type.RelDataType getRowType(
                org.apache.calcite.rel.type.RelDataTypeFactory typeFactory) {
            return typeFactory.builder().add("option_name", SqlTypeName.VARCHAR)
                    .add("option_value", SqlTypeName.VARCHAR).nullable(true).build();
        }

        @Override
        public org.apache.calcite.linq4j.Enumerable<Object[]> scan(DataContext root) {
            return org.apache.calcite.linq4j.Linq4j.asEnumerable(rows);
        }
    }

    /** quote_literal(text): the text as a SQL string literal, {@code E''} form when it holds a backslash. */
    public static String quoteLiteral(String text) {
        if (text == null) {
            return null;
        }
        String quoted = "'" + text.replace("'", "''").replace("\\", "\\\\") + "'";
        return text.indexOf('\\') >= 0 ? "E" + quoted : quoted;
    }

    /**
     * The signature functions of pg_proc rows (pg_get_function_result, _arguments,
     * _identity_arguments): Freshet lists no functions in pg_proc, so no OID names one.
     */
    public static String pgGetFunctionText(Long functionOid) {
        return null;
    }

    /**
     * format(formatstr, args…) with PostgreSQL's conversions: {@code %s} the value as text (NULL
     * as nothing), {@code %I} a quoted identifier, {@code %L} a quoted literal (NULL as NULL),
     * {@code %%} a percent sign; {@code %n$s} picks argument n.
     */
    private static String formatWith(String format, String[] arguments) {
        if (format == null) {
            return null;
        }
        StringBuilder result = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                result.append(c);
                continue;
            }
            if (++i >= format.length()) {
                throw formatError("unterminated format() type specifier");
            }
            if (format.charAt(i) == '%') {
                result.append('%');
                continue;
            }
            int position = -1;
            int digits = i;
            while (digits < format.length() && Character.isDigit(format.charAt(digits))) {
                digits++;
            }
            if (digits > i && digits < format.length() && format.charAt(digits) == '$') {
                position = Integer.parseInt(format.substring(i, digits)) - 1;
                i = digits + 1;
            }
            int index = position >= 0 ? position : next;
            next = index + 1;
            if (index >= arguments.length) {
                throw formatError("too few arguments for format()");
            }
            String value = arguments[index];
            switch (i < format.length() ? format.charAt(i) : ' ') {
                case 's' -> result.append(value == null ? "" : value);
                case 'I' -> {
                    if (value == null) {
                        throw new FreshetException(ErrorCode.NULL_VALUE_NOT_ALLOWED,
                                "null values cannot be formatted as an SQL identifier");
                    }
                    result.append(PgIdentifiers.quote(value));
                }
                case 'L' -> result.append(value == null ? "NULL" : quoteLiteral(value));
                default -> throw formatError("unrecognized format() type specifier");
            }
        }
        return result.toString();
    }

    private static FreshetException formatError(String message) {
        return new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, message)
                .withHint("Use %s, %I, %L or %%, optionally numbered as %1$s.");
    }

    public static String format(String format) {
        return formatWith(format, new String[0]);
    }

    public static String format(String format, String first) {
        return formatWith(format, new String[] {first});
    }

    public static String format(String format, String first, String second) {
        return formatWith(format, new String[] {first, second});
    }

    public static String format(String format, String first, String second, String third) {
        return formatWith(format, new String[] {first, second, third});
    }

    /** string_to_array(text, delimiter): the pieces between delimiters; a NULL delimiter splits into characters. */
    public static List<String> stringToArray(String text, String delimiter) {
        if (text == null) {
            return null;
        }
        List<String> pieces = new ArrayList<>();
        if (text.isEmpty()) {
            return pieces;
        }
        if (delimiter == null) {
            text.codePoints().forEach(codePoint -> pieces.add(new String(Character.toChars(codePoint))));
            return pieces;
        }
        if (delimiter.isEmpty()) {
            pieces.add(text);
            return pieces;
        }
        int start = 0;
        int found;
        while ((found = text.indexOf(delimiter, start)) >= 0) {
            pieces.add(text.substring(start, found));
            start = found + delimiter.length();
        }
        pieces.add(text.substring(start));
        return pieces;
    }

    /** array_lower(array, dimension): 1 for a non-empty one-dimensional array, else NULL. */
    public static Integer arrayLower(Object array, Object dimension) {
        return arrayUpper(array, dimension) == null ? null : 1;
    }

    /** array_length(array, dimension): the length of a non-empty one-dimensional array, else NULL. */
    public static Integer arrayLength(Object array, Object dimension) {
        return arrayUpper(array, dimension);
    }

    /**
     * parse_ident(qualified name): its parts, unquoted, unquoted parts lower-cased.
     *
     * @throws FreshetException {@code INVALID_PARAMETER_VALUE} when the text is no qualified name
     */
    public static List<String> parseIdent(String text) {
        if (text == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int i = 0;
        while (true) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '"') {
                int close = i + 1;
                while (true) {
                    close = text.indexOf('"', close);
                    if (close < 0) {
                        throw identError(text, "String has unclosed double quotes.");
                    }
                    if (close + 1 < text.length() && text.charAt(close + 1) == '"') {
                        close += 2;
                        continue;
                    }
                    break;
                }
                part.append(text, i + 1, close);
                parts.add(part.toString().replace("\"\"", "\""));
                i = close + 1;
            } else {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '$')) {
                    i++;
                }
                if (i == start) {
                    throw identError(text, "No valid identifier before \".\".");
                }
                parts.add(text.substring(start, i).toLowerCase(java.util.Locale.ROOT));
            }
            part.setLength(0);
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= text.length()) {
                return parts;
            }
            if (text.charAt(i) != '.') {
                throw identError(text, "Extra characters after the identifier.");
            }
            i++;
        }
    }

    private static FreshetException identError(String text, String detail) {
        return new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, "string is not a valid identifier: \""
                + text + "\"").withDetail(detail);
    }

    /**
     * A subscript of a catalog vector column carried as text: an int2vector or oidvector
     * ({@code "1 2"}) counts from 0, an array ({@code "{1,2}"}) from 1, as in PostgreSQL; NULL
     * outside the bounds.
     */
    public static Integer catalogArrayElement(String vector, Integer index) {
        if (vector == null || index == null) {
            return null;
        }
        String text = vector.trim();
        boolean array = text.startsWith("{");
        if (array) {
            text = text.substring(1, text.length() - 1);
        }
        String[] elements = text.isEmpty() ? new String[0] : text.split(array ? "," : "\\s+");
        int position = array ? index - 1 : index;
        if (position < 0 || position >= elements.length) {
            return null;
        }
        return Integer.valueOf(elements[position].trim());
    }

    /** Whether a catalog vector column carried as text ({@code "1 2"}, {@code "{1,2}"}) holds a value. */
    public static Boolean catalogArrayContains(String vector, Integer value) {
        if (vector == null || value == null) {
            return null;
        }
        String text = vector.trim().replace("{", "").replace("}", "");
        for (String element : text.split("[\\s,]+")) {
            if (!element.isEmpty() && Integer.parseInt(element) == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * Functions of objects Freshet does not have (partition keys, rules) or statistics it does
     * not keep (index scans): NULL, unknown.
     */
    public static String pgGetUnknownDefinition(Long oid) {
        return null;
    }

    public static Long pgStatUnknown(Long oid) {
        return null;
    }

    /** array_upper(array, dimension): the upper bound of a one-dimensional array, or null. */
    public static Integer arrayUpper(Object array, Object dimension) {
        if (!(array instanceof java.util.List<?> list) || dimension == null
                || ((Number) dimension).intValue() != 1 || list.isEmpty()) {
            return null;
        }
        return list.size();
    }

    /**
     * generate_series(start, stop): the integers from start to stop, as a table with one column
     * (PostgreSQL's set-returning function, as Calcite's table function).
     */
    public static org.apache.calcite.schema.ScannableTable generateSeries(Object start, Object stop) {
        // Strict, as in PostgreSQL: a NULL bound gives no rows. Calcite also calls this while
        // validating, with NULL for every argument that is not a literal, to learn the row type.
        if (start == null || stop == null) {
            return new SeriesTable(1, 0);
        }
        return new SeriesTable(((Number) start).longValue(), ((Number) stop).longValue());
    }

    /** The rows of generate_series. */
    private static final class SeriesTable extends org.apache.calcite.schema.impl.AbstractTable
            implements org.apache.calcite.schema.ScannableTable {
        private final long first;
        private final long last;

        SeriesTable(long first, long last) {
            this.first = first;
            this.last = last;
        }

        @Override
        public org.apache.calcite.rel.type.RelDataType getRowType(
                org.apache.calcite.rel.type.RelDataTypeFactory typeFactory) {
            return typeFactory.builder().add("generate_series", SqlTypeName.INTEGER).build();
        }

        @Override
        public org.apache.calcite.linq4j.Enumerable<Object[]> scan(DataContext root) {
            List<Object[]> rows = new java.util.ArrayList<>();
            for (long value = first; value <= last; value++) {
                rows.add(new Object[] {(int) value});
            }
            return org.apache.calcite.linq4j.Linq4j.asEnumerable(rows);
        }
    }

    public static String quoteIdent(String identifier) {
        return identifier == null ? null : PgIdentifiers.quote(identifier);
    }

    /**
     * Joins an array's elements with a separator, skipping NULLs. Catalog arrays are carried as
     * their text form ({@code {a,b}}), so both that and a real array are accepted.
     */
    public static String arrayToString(Object array, String separator) {
        if (array == null || separator == null) {
            return null;
        }
        List<String> elements = new ArrayList<>();
        if (array instanceof List<?> list) {
            for (Object element : list) {
                if (element != null) {
                    elements.add(element.toString());
                }
            }
        } else {
            String text = array.toString();
            if (text.startsWith("{") && text.endsWith("}")) {
                text = text.substring(1, text.length() - 1);
            }
            if (!text.isEmpty()) {
                elements.addAll(List.of(text.split(",")));
            }
        }
        return String.join(separator, elements);
    }

    /** {@code 'name'::regclass}: the OID of the relation named, searched on the search path. */
    public static Long regclass(DataContext context, String name) {
        if (name == null) {
            return null;
        }
        return PgCatalogSnapshot.of(context).resolveRelation(name);
    }

    /** {@code to_regclass('name')}: like regclass, but NULL when no relation has that name. */
    public static Long toRegclass(DataContext context, String name) {
        if (name == null) {
            return null;
        }
        try {
            return PgCatalogSnapshot.of(context).resolveRelation(name);
        } catch (FreshetException e) {
            return null;
        }
    }

    /** {@code oid::regclass::text}: the relation's name, schema-qualified when not visible, else the number. */
    public static String regclassName(DataContext context, Long oid) {
        if (oid == null) {
            return null;
        }
        PgCatalogSnapshot snapshot = PgCatalogSnapshot.of(context);
        Relation relation = snapshot.relation(oid);
        if (relation == null) {
            return Long.toString(oid);
        }
        if (snapshot.isVisible(oid)) {
            return PgIdentifiers.quote(relation.name());
        }
        return PgIdentifiers.quote(relation.namespace().name()) + "." + PgIdentifiers.quote(relation.name());
    }
}
