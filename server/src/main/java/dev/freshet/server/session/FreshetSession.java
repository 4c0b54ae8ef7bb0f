package dev.freshet.server.session;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.parser.FreshetSqlParser;
import dev.freshet.server.catalog.PgCatalogExtension;
import dev.freshet.server.catalog.PgCatalogRewriter;
import dev.freshet.server.catalog.PostgresSyntaxRewriter;
import dev.freshet.planner.BatchModify;
import dev.freshet.planner.BatchQuery;
import dev.freshet.planner.Catalog;
import dev.freshet.planner.DataType;
import dev.freshet.planner.PlannerSession;
import dev.freshet.planner.SqlPlanner;
import dev.freshet.server.pgwire.PgNotice;
import dev.freshet.server.pgwire.PgSession;
import dev.freshet.server.pgwire.PgStatement;
import dev.freshet.server.pgwire.PgType;
import dev.freshet.server.pgwire.StatementText;

/**
 * One client's session: its settings, its transaction, and the dispatch of each statement to
 * the planner (queries, DML) or to the database (DDL and commands).
 *
 * <p>Transactions: outside a transaction block every statement commits on its own. Inside one,
 * writes go to the session's open write transaction, which its reads see, and which COMMIT
 * publishes atomically (see {@link Database#beginWrite}).
 */
public final class FreshetSession implements PgSession {
    private final Database database;
    private final FreshetSqlParser parser = new FreshetSqlParser();
    private final String user;
    private final String databaseName;
    private final SessionSettings settings;
    private final PgCatalogExtension systemCatalogs;
    private final PlanCache plans;
    private final List<PgNotice> notices = new ArrayList<>();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private volatile boolean shuttingDown;
    private final SessionCursors cursors = new SessionCursors(this);
    private TransactionState transactionState = TransactionState.IDLE;
    private Database.WriteTransaction transaction;

    public FreshetSession(Database database, String user, String databaseName, String applicationName) {
        this.database = requireNonNull(database, "database is null");
        this.user = requireNonNull(user, "user is null");
        this.databaseName = requireNonNull(databaseName, "databaseName is null");
        this.settings = new SessionSettings(user, applicationName, database.defaultTimeZone());
        this.systemCatalogs = new PgCatalogExtension(settings::current, database.dataflowStatus(),
                database.planCounters());
        this.plans = new PlanCache(database.planCounters());
    }

    public SessionSettings settings() {
        return settings;
    }

    @Override
    public Map<String, String> initialParameterStatus() {
        return settings.reportedParameters();
    }

    @Override
    public List<StatementText> splitStatements(String sql) {
        List<StatementText> statements = new ArrayList<>();
        for (dev.freshet.parser.StatementText statement : parser.split(sql)) {
            statements.add(new StatementText(statement.text(), statement.offset()));
        }
        return statements;
    }

    @Override
    public PgStatement prepare(String sql, List<PgType> parameterTypes) {
        cancelRequested.set(false);
        if (transactionState == TransactionState.FAILED) {
            SqlNode node = parser.parseStatement(sql);
            if (!Commands.endsTransaction(node)) {
                throw new FreshetException(ErrorCode.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block")
                        .withHint("Run ROLLBACK to end the transaction.");
            }
        }
        try {
            return new TransactionAwareStatement(prepareStatement(sql, parameterTypes), this);
        } catch (RuntimeException e) {
            failTransaction();
            throw e;
        }
    }

    private PgStatement prepareStatement(String text, List<PgType> parameterTypes) {
        List<DataType> declared = new ArrayList<>();
        for (PgType type : parameterTypes) {
            declared.add(WireValues.dataType(type));
        }
        Catalog catalog = database.catalog();
        PlanCache.Key key = new PlanCache.Key(text, declared, catalog, settings.timeZone().getID());
        Object cached = plans.lookup(key);
        if (cached instanceof BatchQuery query) {
            return new QueryStatement(query, this);
        }
        if (cached instanceof BatchModify modify) {
            return ModifyStatement.of(modify, this);
        }
        String sql = PostgresSyntaxRewriter.rewrite(text);
        SqlNode node = parser.parseStatement(sql);
        PgCatalogRewriter.rewrite(node);
        if (node.getKind().belongsTo(SqlKind.QUERY)) {
            BatchQuery query = planner(catalog).planQuery(node, sql, declared);
            plans.store(key, query);
            return new QueryStatement(query, this);
        }
        if (node.getKind() == SqlKind.INSERT || node.getKind() == SqlKind.UPDATE
                || node.getKind() == SqlKind.DELETE) {
            BatchModify modify = planner(catalog).planModify(node, sql, declared);
            plans.store(key, modify);
            return ModifyStatement.of(modify, this);
        }
        return new Commands(this, database).prepare(node, sql);
    }

    /** Plans a query that is part of another statement (COPY, DECLARE CURSOR); {@code sql} is the whole text. */
    QueryStatement prepareQuery(SqlNode query, String sql) {
        return new QueryStatement(planner().planQuery(query, sql, List.of()), this);
    }

    SessionCursors cursors() {
        return cursors;
    }

    /** A planner over the current catalog, with this session's settings. */
    SqlPlanner planner() {
        return planner(database.catalog());
    }

    private SqlPlanner planner(Catalog catalog) {
        return new SqlPlanner(new PlannerSession(catalog, FreshetSqlParser.config(),
                List.of(systemCatalogs), settings.timeZone(), user, databaseName));
    }

    /** Runs a query over this session's view: its open transaction, or a fresh snapshot. */
    QueryStatement.QueryRun runQuery(BatchQuery query, List<Object> parameters) {
        Database.Read read = transaction != null ? transaction.read() : database.snapshot();
        try {
            Enumerator<Object[]> enumerator = query.execute(read.reader(), parameters, settings.timeZone(), user,
                    cancelRequested).enumerator();
            return new QueryStatement.QueryRun() {
                private boolean closed;

                @Override
                public Enumerator<Object[]> rows() {
                    return enumerator;
                }

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        enumerator.close();
                        read.close();
                    }
                }
            };
        } catch (RuntimeException e) {
            read.close();
            throw e;
        }
    }

    /** Applies a DML statement in this session's transaction, or in one of its own. */
    long runModify(BatchModify modify, List<Object> parameters) {
        Database.Applied applied;
        if (inTransactionBlock()) {
            ensureWriteTransaction();
            applied = transaction.apply(modify, parameters, settings.timeZone(), user, cancelRequested);
        } else {
            try (Database.WriteTransaction autocommit = database.beginWrite()) {
                applied = autocommit.apply(modify, parameters, settings.timeZone(), user, cancelRequested);
                autocommit.commit();
            }
        }
        if (applied.lateRows() > 0) {
            String table = modify.table().name();
            boolean one = applied.lateRows() == 1;
            notice(PgNotice.notice(applied.lateRows() + (one ? " row was" : " rows were")
                    + " behind the watermark of table \"" + table + "\" (" + StoredRows.describeTimestamp(
                    applied.watermark()) + ") and left out as late; " + (one ? "it is" : "they are")
                    + " counted and kept as the table's late rows"));
        }
        return applied.count();
    }

    void begin() {
        if (transactionState != TransactionState.IDLE) {
            notice(new PgNotice("WARNING", "25001", "there is already a transaction in progress", null));
            return;
        }
        transactionState = TransactionState.IN_TRANSACTION;
    }

    /** Opens the write transaction of the current block on its first write. */
    void ensureWriteTransaction() {
        if (transactionState == TransactionState.IN_TRANSACTION && transaction == null) {
            transaction = database.beginWrite();
        }
    }

    /** The write transaction this session holds open, or null. */
    Database.WriteTransaction heldTransaction() {
        return transaction;
    }

    boolean inTransactionBlock() {
        return transactionState != TransactionState.IDLE;
    }

    /** Ends the block: COMMIT publishes its writes, unless the block failed. Returns the tag. */
    String commit() {
        if (transactionState == TransactionState.IDLE) {
            notice(new PgNotice("WARNING", "25P01", "there is no transaction in progress", null));
            return "COMMIT";
        }
        boolean failed = transactionState == TransactionState.FAILED;
        try {
            if (transaction != null) {
                if (failed) {
                    transaction.close();
                } else {
                    transaction.commit();
                    transaction.close();
                }
            }
        } finally {
            transaction = null;
            transactionState = TransactionState.IDLE;
            cursors.transactionEnded();
        }
        return failed ? "ROLLBACK" : "COMMIT";
    }

    String rollback() {
        if (transactionState == TransactionState.IDLE) {
            notice(new PgNotice("WARNING", "25P01", "there is no transaction in progress", null));
            return "ROLLBACK";
        }
        if (transaction != null) {
            transaction.close();
            transaction = null;
        }
        transactionState = TransactionState.IDLE;
        cursors.transactionEnded();
        return "ROLLBACK";
    }

    private void failTransaction() {
        if (transactionState == TransactionState.IN_TRANSACTION) {
            transactionState = TransactionState.FAILED;
        }
    }

    /** Called by statements that fail while running, so that the block is marked failed. */
    void statementFailed() {
        failTransaction();
    }

    void notice(PgNotice notice) {
        notices.add(notice);
    }

    String user() {
        return user;
    }

    void checkCanceled() {
        if (shuttingDown) {
            throw new FreshetException(ErrorCode.ADMIN_SHUTDOWN, "terminating connection due to administrator command");
        }
        if (cancelRequested.get()) {
            cancelRequested.set(false);
            throw new FreshetException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    @Override
    public TransactionState transactionState() {
        return transactionState;
    }

    @Override
    public Map<String, String> drainParameterChanges() {
        return settings.drainChanges();
    }

    @Override
    public List<PgNotice> drainNotices() {
        List<PgNotice> drained = List.copyOf(notices);
        notices.clear();
        return drained;
    }

    @Override
    public void cancel() {
        cancelRequested.set(true);
    }

    @Override
    public void shutdown() {
        shuttingDown = true;
        cancelRequested.set(true);
    }

    @Override
    public void close() {
        cursors.close();
        if (transaction != null) {
            transaction.close();
            transaction = null;
        }
        transactionState = TransactionState.IDLE;
    }
}
