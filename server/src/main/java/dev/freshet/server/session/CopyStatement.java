package dev.freshet.server.session;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.server.pgwire.PgColumn;
import dev.freshet.server.pgwire.PgCopyOut;
import dev.freshet.server.pgwire.PgPortal;
import dev.freshet.server.pgwire.PgResult;
import dev.freshet.server.pgwire.PgStatement;
import dev.freshet.server.pgwire.PgType;

/**
 * {@code COPY (query | SUBSCRIBE ...) TO STDOUT [WITH (FORMAT text | csv, HEADER)]}: the rows of
 * another statement, sent with the COPY-out protocol, one line each, as they come. Over
 * {@code SUBSCRIBE} that is a change stream psql prints as it happens.
 */
final class CopyStatement implements PgStatement {
    private final PgStatement rows;
    private final PgCopyOut copy;

    private CopyStatement(PgStatement rows, PgCopyOut copy) {
        this.rows = requireNonNull(rows, "rows is null");
        this.copy = requireNonNull(copy, "copy is null");
    }

    /** Checks COPY's options; {@code rows} is the prepared query or SUBSCRIBE. */
    static CopyStatement of(PgStatement rows, Map<String, String> options) {
        PgCopyOut.Format format = PgCopyOut.Format.TEXT;
        boolean header = false;
        for (Map.Entry<String, String> option : options.entrySet()) {
            String value = option.getValue().toLowerCase(Locale.ROOT);
            switch (option.getKey().toLowerCase(Locale.ROOT)) {
                case "format" -> format = switch (value) {
                    case "text" -> PgCopyOut.Format.TEXT;
                    case "csv" -> PgCopyOut.Format.CSV;
                    default -> throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                            "COPY format \"" + option.getValue() + "\" is not supported")
                            .withHint("Use FORMAT text (the default) or FORMAT csv.");
                };
                case "header" -> header = StatementOptions.flag("COPY", "header", option.getValue());
                default -> throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        "COPY option \"" + option.getKey() + "\" is not supported")
                        .withHint("COPY ... TO STDOUT takes FORMAT (text or csv) and HEADER.");
            }
        }
        return new CopyStatement(rows, new PgCopyOut(rows.columns(), format, header));
    }

    @Override
    public List<PgType> parameterTypes() {
        return rows.parameterTypes();
    }

    /** None: COPY's rows are not described, as in PostgreSQL (Describe answers NoData). */
    @Override
    public List<PgColumn> columns() {
        return List.of();
    }

    @Override
    public PgPortal bind(List<Object> parameters) {
        PgPortal portal = rows.bind(parameters);
        return new PgPortal() {
            @Override
            public List<PgColumn> columns() {
                return List.of();
            }

            @Override
            public PgResult fetch(int maxRows) {
                return portal.fetch(maxRows);
            }

            @Override
            public PgCopyOut copyOut() {
                return copy;
            }

            @Override
            public void close() {
                portal.close();
            }
        };
    }
}
