package dev.freshet.executor.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.calcite.avatica.util.ByteString;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/**
 * Random rows of any columns, in the internal representation a decoder returns: DECIMAL at the
 * column's scale, unconstrained NUMERIC without trailing zeros, some NULLs in nullable columns.
 */
final class RandomRows {
    private static final String ALPHABET = "aZ09 ,;\"'\\\t\n{}[]:éß日本語😀\u0001";

    private final SplittableRandom random;

    RandomRows(long seed) {
        this.random = new SplittableRandom(seed);
    }

    Object[] row(List<ColumnDescriptor> columns) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            ColumnDescriptor column = columns.get(i);
            row[i] = column.nullable() && random.nextInt(8) == 0 ? null : value(column.type());
        }
        return row;
    }

    private Object value(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> random.nextBoolean();
            case SMALLINT -> (short) random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
            case INTEGER -> random.nextInt();
            case BIGINT, INTERVAL -> random.nextLong();
            case REAL -> Float.intBitsToFloat(random.nextInt());
            case DOUBLE -> Double.longBitsToDouble(random.nextLong());
            case DECIMAL -> decimal(type);
            case VARCHAR -> text(type.precision() < 0 ? 20 : type.precision());
            case BYTEA -> bytes();
            case DATE -> random.nextInt(-1_000_000, 1_000_000);
            case TIME -> random.nextInt(86_400_000);
            case TIMESTAMP, TIMESTAMPTZ -> random.nextLong(-100_000_000_000_000L, 100_000_000_000_000L);
        };
    }

    private BigDecimal decimal(DataType type) {
        boolean unconstrained = type.precision() < 0;
        int precision = unconstrained ? DataType.MAX_DECIMAL_PRECISION : type.precision();
        int scale = unconstrained ? DataType.UNCONSTRAINED_DECIMAL_SCALE : Math.max(type.scale(), 0);
        BigInteger unscaled = new BigInteger(precision * 3, new java.util.Random(random.nextLong()))
                .mod(BigInteger.TEN.pow(precision));
        BigDecimal value = new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
        if (!unconstrained) {
            return value;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private String text(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                    random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return text.toString();
    }

    private ByteString bytes() {
        byte[] bytes = new byte[random.nextInt(20)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return new ByteString(bytes);
    }
}
