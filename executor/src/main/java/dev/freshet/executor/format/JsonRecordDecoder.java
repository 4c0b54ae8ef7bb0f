package dev.freshet.executor.format;

import static java.lang.String.format;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.freshet.planner.ColumnDescriptor;

/**
 * Format {@code json}: a record's value is one JSON object (UTF-8), whose fields fill the columns
 * of their names (see {@link ColumnNames}); a missing field is NULL, and fields no column has are
 * ignored. How each JSON value fills its column is {@link JsonValues}'s business.
 */
final class JsonRecordDecoder extends AbstractRecordDecoder {
    /** Decimals are read exactly, and anything after the object makes the record bad, not ignored. */
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    /**
     * What Jackson writes in a location instead of the record's text (which it rightly leaves out),
     * in messages such as {@code expected close marker for Object (start marker at [Source: REDACTED
     * (...); line: 1, column: 1])}; noise in a reason.
     */
    private static final Pattern REDACTED_SOURCE = Pattern.compile("Source: REDACTED \\(`[A-Za-z_.]+` disabled\\); ");

    private final ColumnNames names;
    private final ColumnValues[] values;

    JsonRecordDecoder(List<ColumnDescriptor> columns) {
        super(columns);
        this.names = new ColumnNames(columns());
        this.values = columnValues();
    }

    @Override
    Object[] decodeValue(byte[] value) throws BadRecordException {
        JsonNode root = parse(value);
        List<String> fieldNames = new ArrayList<>(root.size());
        Iterator<String> fields = root.fieldNames();
        while (fields.hasNext()) {
            fieldNames.add(fields.next());
        }
        int[] positions = names.match(fieldNames);
        Object[] row = new Object[values.length];
        for (int i = 0; i < row.length; i++) {
            JsonNode field = positions[i] < 0 ? null : root.get(fieldNames.get(positions[i]));
            row[i] = JsonValues.read(values[i], field);
        }
        return row;
    }

    private static JsonNode parse(byte[] value) throws BadRecordException {
        JsonNode root;
        try {
            root = READER.readTree(value);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? ""
                    : format(" (line %d, column %d)", location.getLineNr(), location.getColumnNr());
            throw new BadRecordException("not valid JSON: "
                    + REDACTED_SOURCE.matcher(e.getOriginalMessage()).replaceAll("") + where, e);
        } catch (IOException | NumberFormatException e) {
            // Jackson reports a decimal whose exponent overflows BigDecimal's scale as a NumberFormatException.
            throw new BadRecordException("not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new BadRecordException("the record is empty; it must be a JSON object");
        }
        if (!root.isObject()) {
            throw new BadRecordException(format("the record is a JSON %s, not an object: %s",
                    root.getNodeType().name().toLowerCase(Locale.ROOT), ColumnValues.shown(root)));
        }
        return root;
    }
}
