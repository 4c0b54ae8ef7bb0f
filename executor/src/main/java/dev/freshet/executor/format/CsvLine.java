package dev.freshet.executor.format;

import static java.lang.String.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record into its fields, as RFC 4180 writes them: fields are separated by the
 * delimiter; a field in double quotes may hold the delimiter, line breaks and quotes written
 * twice ({@code "say ""hi"""}). One line break at the end of the record is ignored.
 *
 * <p>An empty field without quotes is NULL and an empty quoted field ({@code ""}) the empty
 * string, as in PostgreSQL's {@code COPY ... CSV}. Where RFC 4180 leaves room for guessing, the
 * record is refused instead: a quote inside an unquoted field, text after a closing quote, an
 * unclosed quote, a line break outside quotes.
 */
final class CsvLine {
    private static final char QUOTE = '"';

    private CsvLine() {
    }

    /** The fields of {@code line}, null for each empty unquoted field. */
    static List<String> split(String line, char delimiter) throws BadRecordException {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        List<String> fields = new ArrayList<>();
        int position = 0;
        while (true) {
            if (position < end && line.charAt(position) == QUOTE) {
                position = quoted(line, position, end, fields);
            } else {
                position = unquoted(line, position, end, delimiter, fields);
            }
            if (position == end) {
                return fields;
            }
            if (line.charAt(position) != delimiter) {
                throw new BadRecordException(format("CSV: at character %d, a quoted field must be followed by the "
                        + "delimiter or the end of the record", position + 1));
            }
            position++;
        }
    }

    /** Reads the quoted field starting at {@code start}; returns the position after its closing quote. */
    private static int quoted(String line, int start, int end, List<String> fields) throws BadRecordException {
        StringBuilder value = new StringBuilder();
        int position = start + 1;
        while (true) {
            if (position >= end) {
                throw new BadRecordException(format("CSV: the quote at character %d is never closed", start + 1));
            }
            char c = line.charAt(position);
            if (c == QUOTE) {
                if (position + 1 < end && line.charAt(position + 1) == QUOTE) {
                    value.append(QUOTE);
                    position += 2;
                    continue;
                }
                fields.add(value.toString());
                return position + 1;
            }
            value.append(c);
            position++;
        }
    }

    /** Reads the unquoted field starting at {@code start}; returns the position of the delimiter or end after it. */
    private static int unquoted(String line, int start, int end, char delimiter, List<String> fields)
            throws BadRecordException {
        int position = start;
        while (position < end && line.charAt(position) != delimiter) {
            char c = line.charAt(position);
            if (c == QUOTE) {
                throw new BadRecordException(format("CSV: a quote at character %d inside an unquoted field; quote "
                        + "the whole field and write the quote twice", position + 1));
            }
            if (c == '\n' || c == '\r') {
                throw new BadRecordException(format("CSV: a line break at character %d outside quotes; a record is "
                        + "one line", position + 1));
            }
            position++;
        }
        fields.add(position == start ? null : line.substring(start, position));
        return position;
    }
}
