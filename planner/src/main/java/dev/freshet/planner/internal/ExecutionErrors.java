package dev.freshet.planner.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * Translates the exceptions that Calcite's generated code and runtime library throw while a plan
 * runs into Freshet's errors with PostgreSQL's SQLSTATE and wording.
 *
 * <p>Calcite's runtime ({@code SqlFunctions}) reports a bad value only as a JDK exception or an
 * untyped {@code CalciteException} with a message; this is the one place that reads them. The
 * generated code also throws from static initializers (constant folding of a literal that does
 * not cast), which surfaces as {@link ExceptionInInitializerError}: that must never reach the wire
 * layer as an {@link Error}, which would end the connection.
 */
public final class ExecutionErrors {
    private static final Pattern OUT_OF_RANGE = Pattern.compile("Value (\\S+) out of range");
    private static final Pattern NOT_REPRESENTABLE = Pattern.compile(
            "Value (\\S+) cannot be represented as a (DECIMAL\\(\\d+, \\d+\\))");
    private static final Pattern INVALID_CAST = Pattern.compile("Invalid character for cast: (.*)");
    private static final Pattern FIELD_OUT_OF_RANGE = Pattern.compile(
            "Value of \\w+ field is out of range in '(.*)'", Pattern.DOTALL);
    private static final Pattern INVALID_DATETIME = Pattern.compile(
            "Invalid (DATE|TIME|TIMESTAMP) value, '(.*)'", Pattern.DOTALL);

    private ExecutionErrors() {
    }

    /** The Freshet error for a failure while running a plan. */
    public static FreshetException translate(Throwable failure) {
        if (failure instanceof FreshetException freshet) {
            return freshet;
        }
        if (failure instanceof ExceptionInInitializerError && failure.getCause() != null) {
            return translate(failure.getCause());
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof NumberFormatException) {
            return new FreshetException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type " + parsedType(failure) + ": \"" + inputOf(message) + "\"", failure);
        }
        Matcher matcher = OUT_OF_RANGE.matcher(message);
        if (matcher.find()) {
            return new FreshetException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, convertedType(failure) + " out of range",
                    failure).withDetail("The value " + matcher.group(1) + " does not fit.");
        }
        if (message.equals("Overflow")) {
            return new FreshetException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range", failure);
        }
        matcher = NOT_REPRESENTABLE.matcher(message);
        if (matcher.find()) {
            return new FreshetException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow", failure)
                    .withDetail("The value " + matcher.group(1) + " does not fit " + matcher.group(2).toLowerCase(
                            Locale.ROOT) + ".");
        }
        if (failure instanceof ArithmeticException) {
            String lower = message.toLowerCase(Locale.ROOT);
            if (lower.contains("by zero") || lower.contains("division undefined")) {
                return new FreshetException(ErrorCode.DIVISION_BY_ZERO, "division by zero", failure);
            }
            return new FreshetException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, overflowMessage(failure), failure);
        }
        matcher = INVALID_CAST.matcher(message);
        if (matcher.find()) {
            return new FreshetException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type boolean: \"" + matcher.group(1) + "\"", failure);
        }
        matcher = FIELD_OUT_OF_RANGE.matcher(message);
        if (matcher.find()) {
            return new FreshetException(ErrorCode.DATETIME_FIELD_OVERFLOW,
                    "date/time field value out of range: \"" + matcher.group(1) + "\"", failure);
        }
        matcher = INVALID_DATETIME.matcher(message);
        if (matcher.find()) {
            String type = switch (matcher.group(1)) {
                case "DATE" -> "date";
                case "TIME" -> "time";
                default -> "timestamp";
            };
            return new FreshetException(ErrorCode.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type " + type + ": \"" + matcher.group(2) + "\"", failure);
        }
        if (failure instanceof IllegalArgumentException && (message.contains("date") || message.contains("time")
                || message.contains("Date") || message.contains("Time"))) {
            return new FreshetException(ErrorCode.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for a date or time: " + message, failure);
        }
        return new FreshetException(ErrorCode.INTERNAL_ERROR, "internal error: " + message, failure);
    }

    /** The SQL type whose parser threw, read from the JDK method that did. */
    private static String parsedType(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            String method = frame.getClassName() + "." + frame.getMethodName();
            if (method.startsWith("java.lang.Integer.")) {
                return "integer";
            }
            if (method.startsWith("java.lang.Long.")) {
                return "bigint";
            }
            if (method.startsWith("java.lang.Short.")) {
                return "smallint";
            }
            if (method.startsWith("java.lang.Float.")) {
                return "real";
            }
            if (method.startsWith("java.lang.Double.") || method.startsWith("jdk.internal.math.")) {
                return "double precision";
            }
            if (method.startsWith("java.math.BigDecimal.")) {
                return "numeric";
            }
        }
        return "numeric";
    }

    /** The integer type Calcite's runtime was converting to, read from its method's name. */
    private static String convertedType(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().equals("org.apache.calcite.runtime.SqlFunctions")) {
                String method = frame.getMethodName();
                if (method.equals("toShort") || method.equals("toByte")) {
                    return "smallint";
                }
                if (method.equals("toInt")) {
                    return "integer";
                }
                if (method.equals("toLong")) {
                    return "bigint";
                }
            }
        }
        return "value";
    }

    /** The type whose arithmetic overflowed, read from the JDK method that threw. */
    private static String overflowMessage(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        if (frames.length > 0 && frames[0].getClassName().equals("java.lang.Math")) {
            String message = failure.getMessage() == null ? "" : failure.getMessage();
            return message.contains("long") ? "bigint out of range" : "integer out of range";
        }
        return "value out of range: " + failure.getMessage();
    }

    private static String inputOf(String message) {
        Matcher matcher = Pattern.compile("For input string: \"(.*)\"").matcher(message);
        if (matcher.find()) {
            return matcher.group(1);
        }
        return message;
    }
}
