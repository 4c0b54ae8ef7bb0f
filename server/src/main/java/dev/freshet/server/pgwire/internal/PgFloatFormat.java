package dev.freshet.server.pgwire.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * PostgreSQL 12+'s text output for float4 and float8 ({@code extra_float_digits = 1}, the
 * default): the shortest decimal that reads back as the same value, written plainly when its
 * leading digit's exponent lies in [-4, 15) for float8 or [-4, 6) for float4, else as
 * {@code d.ddde+XX} with at least two exponent digits; {@code NaN}, {@code Infinity},
 * {@code -Infinity} and {@code -0} spelled as PostgreSQL spells them.
 *
 * <p>Java 17's {@link Double#toString} always round-trips but is not always shortest, so its digit
 * count is only the starting point: fewer digits are tried while they still round-trip, and the
 * digits are always the closest to the exact binary value, as Ryu (PostgreSQL's algorithm) picks.
 */
public final class PgFloatFormat {
    private static final int FLOAT8_PLAIN_LIMIT = 15;
    private static final int FLOAT4_PLAIN_LIMIT = 6;

    private PgFloatFormat() {
    }

    public static String formatDouble(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        double magnitude = Math.abs(value);
        BigDecimal exact = new BigDecimal(magnitude);
        int precision = new BigDecimal(Double.toString(magnitude)).stripTrailingZeros().precision();
        while (precision > 1 && exact.round(new MathContext(precision - 1, RoundingMode.HALF_EVEN)).doubleValue()
                == magnitude) {
            precision--;
        }
        BigDecimal digits = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        if (digits.doubleValue() != magnitude) {
            digits = new BigDecimal(Double.toString(magnitude));
        }
        return layout(value < 0, digits, FLOAT8_PLAIN_LIMIT);
    }

    public static String formatFloat(float value) {
        if (Float.isNaN(value)) {
            return "NaN";
        }
        if (Float.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        float magnitude = Math.abs(value);
        BigDecimal exact = new BigDecimal(magnitude);
        int precision = new BigDecimal(Float.toString(magnitude)).stripTrailingZeros().precision();
        while (precision > 1 && exact.round(new MathContext(precision - 1, RoundingMode.HALF_EVEN)).floatValue()
                == magnitude) {
            precision--;
        }
        BigDecimal digits = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        if (digits.floatValue() != magnitude) {
            digits = new BigDecimal(Float.toString(magnitude));
        }
        return layout(value < 0, digits, FLOAT4_PLAIN_LIMIT);
    }

    private static String layout(boolean negative, BigDecimal value, int plainLimit) {
        BigDecimal stripped = value.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        int length = digits.length();
        int exponent = length - 1 - stripped.scale();
        StringBuilder out = new StringBuilder(length + 8);
        if (negative) {
            out.append('-');
        }
        if (exponent >= -4 && exponent < plainLimit) {
            if (exponent >= length - 1) {
                out.append(digits).append("0".repeat(exponent - (length - 1)));
            } else if (exponent >= 0) {
                out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, length);
            } else {
                out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
            }
            return out.toString();
        }
        out.append(digits.charAt(0));
        if (length > 1) {
            out.append('.').append(digits, 1, length);
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int absExponent = Math.abs(exponent);
        if (absExponent < 10) {
            out.append('0');
        }
        return out.append(absExponent).toString();
    }
}
