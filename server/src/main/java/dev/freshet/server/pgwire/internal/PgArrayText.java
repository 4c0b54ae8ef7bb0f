package dev.freshet.server.pgwire.internal;


import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The text form of arrays: {@code {1,2,NULL,"a b"}}, nested braces for more dimensions. An element
 * is double-quoted when it is empty, spells {@code NULL}, or holds a brace, comma, quote,
 * backslash or white space; inside quotes, quote and backslash are escaped with a backslash.
 * Input also accepts PostgreSQL's optional dimension prefix ({@code [1:3]={…}}), which is skipped.
 */
public final class PgArrayText {
    private PgArrayText() {
    }

    /** Writes {@code values} (a list, possibly of lists) with {@code element} rendering each non-null element. */
    public static String format(List<?> values, Function<Object, String> element) {
        StringBuilder out = new StringBuilder();
        append(out, values, element);
        return out.toString();
    }

    private static void append(StringBuilder out, List<?> values, Function<Object, String> element) {
        out.append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values.get(i);
            if (value == null) {
                out.append("NULL");
            } else if (value instanceof List<?> nested) {
                append(out, nested, element);
            } else {
                appendElement(out, element.apply(value));
            }
        }
        out.append('}');
    }

    private static void appendElement(StringBuilder out, String text) {
        boolean quote = text.isEmpty() || text.equalsIgnoreCase("NULL");
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c);
        }
        if (!quote) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** Reads array text, turning each non-null element's text into a value with {@code element}. */
    public static List<Object> parse(String text, Function<String, Object> element) {
        Parser parser = new Parser(text, element);
        return parser.parseArray();
    }

    private static final class Parser {
        private final String text;
        private final Function<String, Object> element;
        private int position;

        Parser(String text, Function<String, Object> element) {
            this.text = text;
            this.element = element;
        }

        List<Object> parseArray() {
            skipBlanks();
            if (position < text.length() && text.charAt(position) == '[') {
                int equals = text.indexOf('=', position);
                if (equals < 0) {
                    throw malformed("missing \"=\" after array dimensions");
                }
                position = equals + 1;
                skipBlanks();
            }
            List<Object> result = parseList();
            skipBlanks();
            if (position != text.length()) {
                throw malformed("Junk after closing right brace.");
            }
            return result;
        }

        private List<Object> parseList() {
            expect('{');
            List<Object> values = new ArrayList<>();
            skipBlanks();
            if (peek() == '}') {
                position++;
                return values;
            }
            while (true) {
                skipBlanks();
                char c = peek();
                if (c == '{') {
                    values.add(parseList());
                } else if (c == '"') {
                    values.add(element.apply(quoted()));
                } else {
                    String raw = unquoted();
                    values.add(raw.equalsIgnoreCase("NULL") ? null : element.apply(raw));
                }
                skipBlanks();
                char next = peek();
                position++;
                if (next == '}') {
                    return Collections.unmodifiableList(values);
                }
                if (next != ',') {
                    throw malformed("Unexpected array element.");
                }
            }
        }

        private String quoted() {
            position++;
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = peek();
                position++;
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    c = peek();
                    position++;
                }
                out.append(c);
            }
        }

        private String unquoted() {
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = peek();
                if (c == ',' || c == '}') {
                    break;
                }
                if (c == '{' || c == '"') {
                    throw malformed("Unexpected array element.");
                }
                position++;
                if (c == '\\') {
                    c = peek();
                    position++;
                }
                out.append(c);
            }
            String value = out.toString().strip();
            if (value.isEmpty()) {
                throw malformed("Unexpected \"" + peek() + "\" character.");
            }
            return value;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw malformed(c == '{' ? "Array value must start with \"{\" or dimension information."
                        : "Unexpected end of input.");
            }
            position++;
        }

        private char peek() {
            if (position >= text.length()) {
                throw malformed("Unexpected end of input.");
            }
            return text.charAt(position);
        }

        private void skipBlanks() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private FreshetException malformed(String detail) {
            return new FreshetException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                    String.format("malformed array literal: \"%s\"", text)).withDetail(detail);
        }
    }
}
