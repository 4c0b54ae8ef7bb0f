package dev.freshet.executor.format;

import static java.lang.String.format;

import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.stream.Collectors;

import dev.freshet.planner.ColumnDescriptor;

/**
 * Format {@code csv}: a record's value is one line of UTF-8 text whose fields (see
 * {@link CsvLine}) fill the columns in order, each read in its type's text form (see
 * {@link TextValues}). A record with more or fewer fields than the source has columns is bad.
 */
final class CsvRecordDecoder extends AbstractRecordDecoder {
    private final ColumnValues[] values;
    private final char delimiter;

    CsvRecordDecoder(List<ColumnDescriptor> columns, char delimiter) {
        super(columns);
        this.values = columnValues();
        this.delimiter = delimiter;
    }

    @Override
    Object[] decodeValue(byte[] value) throws BadRecordException {
        String line;
        try {
            line = Utf8Text.decode(value, 0, value.length);
        } catch (CharacterCodingException e) {
            throw new BadRecordException("CSV: the record is not valid UTF-8", e);
        }
        List<String> fields = CsvLine.split(line, delimiter);
        if (fields.size() != values.length) {
            throw new BadRecordException(format("CSV: the record has %d fields, but the source has %d columns (%s)",
                    fields.size(), values.length,
                    columns().stream().map(ColumnDescriptor::name).collect(Collectors.joining(", "))));
        }
        Object[] row = new Object[values.length];
        for (int i = 0; i < row.length; i++) {
            String field = fields.get(i);
            row[i] = field == null ? values[i].nullValue() : TextValues.parse(values[i], field);
        }
        return row;
    }
}
