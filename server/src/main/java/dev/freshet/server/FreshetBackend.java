package dev.freshet.server;

import static java.util.Objects.requireNonNull;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.server.pgwire.PgBackend;
import dev.freshet.server.pgwire.PgSession;
import dev.freshet.server.pgwire.StartupParameters;
import dev.freshet.server.session.Database;
import dev.freshet.server.session.FreshetSession;

/** Opens a {@link FreshetSession} on the database for each client that connects. */
final class FreshetBackend implements PgBackend {
    /** The one database a Freshet server holds. */
    static final String DATABASE_NAME = "freshet";

    private final Database database;

    FreshetBackend(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    @Override
    public PgSession openSession(StartupParameters startup) {
        if (!startup.database().equals(DATABASE_NAME)) {
            throw new FreshetException(ErrorCode.INVALID_CATALOG_NAME,
                    "database \"" + startup.database() + "\" does not exist")
                    .withHint("A Freshet server has one database, \"" + DATABASE_NAME + "\": connect to it.");
        }
        return new FreshetSession(database, startup.user(), startup.database(),
                startup.parameters().get("application_name"));
    }
}
