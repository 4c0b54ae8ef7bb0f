package dev.freshet.tests.sql;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the sqllogictest dialect described in {@code tests-sql/README.md}.
 *
 * <p>A record starts with its header line and ends at the first blank line (or the end of the
 * file), so SQL may span lines and blank lines separate records. Lines starting with {@code #}
 * are comments between records and inside SQL, but not inside an expected block, where a value
 * may start with {@code #}.
 */
public final class SltParser {
    private static final String RESULT_SEPARATOR = "----";
    private static final String XFAIL = "xfail";

    private final String fileName;
    private final List<String> lines;
    private int next;

    private SltParser(String fileName, String text) {
        this.fileName = requireNonNull(fileName, "fileName is null");
        this.lines = requireNonNull(text, "text is null").lines().toList();
    }

    /**
     * Parses a whole file.
     *
     * @param fileName the name failures will show, e.g. {@code dml/insert.slt}
     * @throws SltSyntaxException at the first line that breaks the format
     */
    public static SltFile parse(String fileName, String text) {
        return new SltParser(fileName, text).parseAll();
    }

    private SltFile parseAll() {
        List<SltRecord> records = new ArrayList<>();
        while (skipToNextRecord()) {
            SltRecord record = parseRecord();
            records.add(record);
            if (record instanceof SltRecord.Halt) {
                break;
            }
        }
        return new SltFile(fileName, records);
    }

    private boolean skipToNextRecord() {
        while (next < lines.size()) {
            String line = lines.get(next).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                return true;
            }
            next++;
        }
        return false;
    }

    private SltRecord parseRecord() {
        int lineNumber = next + 1;
        String header = lines.get(next++).strip();
        String[] words = header.split("\\s+");
        switch (words[0]) {
            case XFAIL:
                return parseExpectedFailure(lineNumber, header);
            case "statement":
                return parseStatement(lineNumber, header, words, Optional.empty());
            case "query":
                return parseQuery(lineNumber, header, words, Optional.empty());
            case "restart":
                expectNoArguments(lineNumber, words);
                return new SltRecord.Restart(lineNumber);
            case "kill":
                expectNoArguments(lineNumber, words);
                return new SltRecord.Kill(lineNumber);
            case "halt":
                expectNoArguments(lineNumber, words);
                return new SltRecord.Halt(lineNumber);
            case "connection":
                if (words.length != 2) {
                    throw error(lineNumber, "write 'connection <name>'");
                }
                return new SltRecord.Connection(lineNumber, words[1]);
            default:
                throw error(lineNumber, format(
                        "unknown record '%s' (expected statement, query, xfail, restart, kill, connection, halt "
                                + "or a # comment)",
                        words[0]));
        }
    }

    /**
     * {@code xfail <reason>} marks the statement or query on the next line (comment lines may come
     * between) as a known gap. Only those records can fail in a way worth expecting: a directive
     * that fails means the server is gone, which no marker may excuse.
     */
    private SltRecord parseExpectedFailure(int xfailLine, String header) {
        String reason = header.substring(XFAIL.length()).strip();
        if (reason.isEmpty()) {
            throw error(xfailLine, "xfail needs a reason: write 'xfail <how Freshet differs from PostgreSQL here>'");
        }
        while (next < lines.size() && lines.get(next).strip().startsWith("#")) {
            next++;
        }
        if (next >= lines.size()) {
            throw error(xfailLine, "xfail at the end of the file: put it right before the statement or query "
                    + "it marks");
        }
        if (lines.get(next).isBlank()) {
            throw error(xfailLine, "xfail must stand right before the statement or query it marks "
                    + "(no blank line between)");
        }
        int recordLine = next + 1;
        String recordHeader = lines.get(next++).strip();
        String[] words = recordHeader.split("\\s+");
        switch (words[0]) {
            case "statement":
                return parseStatement(recordLine, recordHeader, words, Optional.of(reason));
            case "query":
                return parseQuery(recordLine, recordHeader, words, Optional.of(reason));
            default:
                throw error(xfailLine, format("xfail marks a statement or query, not '%s' (line %d)",
                        words[0], recordLine));
        }
    }

    private SltRecord.Statement parseStatement(
            int lineNumber, String header, String[] words, Optional<String> expectedFailure) {
        if (words.length < 2) {
            throw error(lineNumber, "write 'statement ok', 'statement count N' or 'statement error [...]'");
        }
        StatementOutcome outcome;
        switch (words[1]) {
            case "ok":
                expectWordCount(lineNumber, words, 2, "statement ok");
                outcome = new StatementOutcome.Ok();
                break;
            case "count":
                expectWordCount(lineNumber, words, 3, "statement count N");
                try {
                    outcome = new StatementOutcome.Count(Long.parseLong(words[2]));
                }
                catch (NumberFormatException notANumber) {
                    throw error(lineNumber, "statement count needs a number of rows, got '" + words[2] + "'");
                }
                break;
            case "error":
                outcome = new StatementOutcome.Error(parseErrorExpectation(lineNumber, header, "error"));
                break;
            default:
                throw error(lineNumber, "unknown statement outcome '" + words[1] + "' (ok, count N or error)");
        }
        String sql = readSql(lineNumber, false);
        return new SltRecord.Statement(lineNumber, sql, outcome, expectedFailure);
    }

    private SltRecord.Query parseQuery(
            int lineNumber, String header, String[] words, Optional<String> expectedFailure) {
        if (words.length < 2) {
            throw error(lineNumber, "write 'query <types> [nosort|rowsort|valuesort] [label]' or 'query error [...]'");
        }
        if (words[1].equals("error")) {
            ErrorExpectation expectation = parseErrorExpectation(lineNumber, header, "error");
            String sql = readSql(lineNumber, false);
            return new SltRecord.Query(lineNumber, sql, List.of(), SortMode.NOSORT, Optional.empty(), List.of(),
                    Optional.of(expectation), expectedFailure);
        }
        List<ColumnType> types = new ArrayList<>();
        for (char letter : words[1].toCharArray()) {
            try {
                types.add(ColumnType.forLetter(letter));
            }
            catch (IllegalArgumentException unknownLetter) {
                throw error(lineNumber, unknownLetter.getMessage());
            }
        }
        SortMode sortMode = SortMode.NOSORT;
        Optional<String> label = Optional.empty();
        int argument = 2;
        if (argument < words.length && SortMode.forKeyword(words[argument]) != null) {
            sortMode = SortMode.forKeyword(words[argument]);
            argument++;
        }
        if (argument < words.length) {
            label = Optional.of(words[argument]);
            argument++;
        }
        if (argument < words.length) {
            throw error(lineNumber, "too many words after 'query': " + header);
        }
        String sql = readSql(lineNumber, true);
        List<String> expected = new ArrayList<>();
        if (next < lines.size() && lines.get(next).strip().equals(RESULT_SEPARATOR)) {
            next++;
            while (next < lines.size() && !lines.get(next).isBlank()) {
                expected.add(lines.get(next++));
            }
        }
        return new SltRecord.Query(lineNumber, sql, types, sortMode, label, expected, Optional.empty(),
                expectedFailure);
    }

    /** Reads SQL lines up to a blank line, the end, or (for queries with results) the {@code ----} line. */
    private String readSql(int recordLine, boolean resultsAllowed) {
        StringBuilder sql = new StringBuilder();
        while (next < lines.size() && !lines.get(next).isBlank()) {
            String line = lines.get(next);
            if (line.strip().equals(RESULT_SEPARATOR)) {
                if (!resultsAllowed) {
                    throw error(next + 1, "'----' belongs to a query with results; "
                            + "this record is a statement or an expected error");
                }
                break;
            }
            next++;
            if (line.strip().startsWith("#")) {
                continue;
            }
            if (sql.length() > 0) {
                sql.append('\n');
            }
            sql.append(line);
        }
        if (sql.length() == 0) {
            throw error(recordLine, "the record has no SQL: put it on the lines after the header");
        }
        return sql.toString();
    }

    private ErrorExpectation parseErrorExpectation(int lineNumber, String header, String keyword) {
        int start = header.indexOf(keyword) + keyword.length();
        try {
            return ErrorExpectation.parse(header.substring(start));
        }
        catch (IllegalArgumentException malformed) {
            throw error(lineNumber, malformed.getMessage());
        }
    }

    private void expectNoArguments(int lineNumber, String[] words) {
        expectWordCount(lineNumber, words, 1, words[0]);
    }

    private void expectWordCount(int lineNumber, String[] words, int count, String form) {
        if (words.length != count) {
            throw error(lineNumber, "write '" + form + "'");
        }
    }

    private SltSyntaxException error(int lineNumber, String message) {
        return new SltSyntaxException(fileName, lineNumber, message);
    }
}
