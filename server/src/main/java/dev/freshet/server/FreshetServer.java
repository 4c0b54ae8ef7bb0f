package dev.freshet.server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.FunctionCounter;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.executor.DataflowOptions;
import dev.freshet.server.metrics.ObjectCountCollector;
import dev.freshet.server.metrics.MetricsServer;
import dev.freshet.server.metrics.PlanCounters;
import dev.freshet.server.pgwire.PgServer;
import dev.freshet.server.pgwire.PgServerConfig;
import dev.freshet.server.session.Database;

/**
 * The Freshet server process: opens the database in the data directory, then serves PostgreSQL
 * clients and the metrics endpoint until it is stopped.
 *
 * <p>Everything the server holds lives in this instance, so that tests can run several servers
 * in one JVM.
 */
public final class FreshetServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FreshetServer.class);

    private final ServerConfig config;
    private final Database database;
    private final PgServer pgServer;
    private final MetricsServer metrics;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private FreshetServer(ServerConfig config, Database database, PgServer pgServer, MetricsServer metrics) {
        this.config = requireNonNull(config, "config is null");
        this.database = requireNonNull(database, "database is null");
        this.pgServer = requireNonNull(pgServer, "pgServer is null");
        this.metrics = metrics;
    }

    /** Opens the data directory and starts listening. */
    public static FreshetServer start(ServerConfig config) {
        DataflowOptions dataflow = DataflowOptions.defaults().withEpochIntervalMillis(config.epochIntervalMillis())
                .withSubscriptionBufferRows(config.subscribeMaxBufferedRows());
        if (config.dataflowWorkers() > 0) {
            dataflow = dataflow.withWorkers(config.dataflowWorkers());
        }
        Database database = Database.open(config.dataDirectory(), config.timeZone(), dataflow);
        MetricsServer metrics = null;
        PgServer pgServer = null;
        try {
            if (config.metricsPort() >= 0) {
                metrics = startMetrics(config, database);
            }
            PgServerConfig pgConfig = PgServerConfig.defaults()
                    .withHost(config.host())
                    .withPort(config.port())
                    .withPassword(config.password())
                    .withAuthMethod(PgServerConfig.AuthMethod.fromConfigName(config.authMethod()))
                    .withMaxConnections(config.maxConnections());
            pgServer = new PgServer(pgConfig, new FreshetBackend(database));
            startListening(pgServer, config);
            return new FreshetServer(config, database, pgServer, metrics);
        } catch (RuntimeException e) {
            if (pgServer != null) {
                pgServer.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            database.close();
            throw e;
        }
    }

    private static MetricsServer startMetrics(ServerConfig config, Database database) {
        try {
            MetricsServer metrics = MetricsServer.start(MetricsServer.newRegistry(), config.host(), config.metricsPort());
            metrics.registry().getPrometheusRegistry().register(ObjectCountCollector.lateRows(database::lateRowCounts));
            metrics.registry().getPrometheusRegistry().register(
                    ObjectCountCollector.badRecords(database::badRecordCounts));
            PlanCounters plans = database.planCounters();
            FunctionCounter.builder("freshet.statement.plans", plans, PlanCounters::plans)
                    .description("Queries and DML statements planned (parsed, optimized, compiled)")
                    .register(metrics.registry());
            FunctionCounter.builder("freshet.statement.plan.cache.hits", plans, PlanCounters::cacheHits)
                    .description("Queries and DML statements served by a session's cached plan")
                    .register(metrics.registry());
            return metrics;
        } catch (IOException e) {
            throw new FreshetException(ErrorCode.IO_ERROR, "cannot start the metrics endpoint on " + config.host()
                    + ":" + config.metricsPort() + ": " + e.getMessage(), e)
                    .withHint("Is another server using that port? Choose another with --metrics-port, or turn the "
                            + "endpoint off with --metrics-port -1.");
        }
    }

    /** Binds the PostgreSQL port; Netty rethrows a bind failure undeclared, so it is caught broadly. */
    private static void startListening(PgServer pgServer, ServerConfig config) {
        try {
            pgServer.start();
        } catch (Exception e) {
            if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) {
                throw new FreshetException(ErrorCode.IO_ERROR, "cannot listen for PostgreSQL clients on "
                        + config.host() + ":" + config.port() + ": " + e.getMessage(), e)
                        .withHint("Is another server using that port? Choose another with --port.");
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot start the PostgreSQL listener", e);
        }
    }

    /** The port PostgreSQL clients connect to. */
    public int port() {
        return pgServer.port();
    }

    /** The port of the metrics endpoint, or -1 when it is off. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        LOG.info("stopping: closing client connections and the data directory");
        try {
            pgServer.close();
            if (metrics != null) {
                metrics.close();
            }
            database.close();
        } finally {
            stopped.countDown();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            printUsage(System.out);
            return;
        }
        ServerConfig config;
        FreshetServer server;
        try {
            config = ServerConfig.fromArguments(arguments);
            server = start(config);
        } catch (FreshetException e) {
            System.err.println("freshet: " + e.getMessage() + (e.hint() == null ? "" : "\nhint: " + e.hint()));
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            LOG.error("freshet could not start", e);
            System.err.println("freshet: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "freshet-shutdown"));
        LOG.info("data directory {}; metrics on port {}", config.dataDirectory().toAbsolutePath(), server.metricsPort());
        // The one line scripts and tests wait for: it names the real port (also when --port 0 chose it).
        System.out.println("freshet: listening for PostgreSQL clients on " + config.host() + ":" + server.port());
        System.out.flush();
        server.awaitTermination();
    }

    private static void printUsage(PrintStream out) {
        out.println("""
                Usage: freshet server [options]

                Starts a Freshet server: PostgreSQL clients connect to it (psql, JDBC, BI tools).

                Options (each also a key of the config file):
                  --host H            address to listen on (default 127.0.0.1)
                  --port P            PostgreSQL port (default 5433; 0 picks a free port)
                  --metrics-port P    Prometheus /metrics port (default 9433; 0 picks a free port, -1 turns it off)
                  --data-dir D        where the data lives (default ./freshet-data)
                  --config FILE       read settings from FILE (key = value lines; options given here win)
                  --auth.password PW  require this password from clients (default: trust every client)
                  --auth.method M     scram-sha-256 (default), md5 or password
                  --max_connections N most clients connected at once (default 200)
                  --timezone Z        the TimeZone sessions start with (default UTC)
                  --dataflow.workers N            threads of the materialized views (default 0: one per core)
                  --dataflow.epoch_interval_ms N  how long changes wait before views apply them (default 50)
                  --subscribe.max_buffered_rows N changes a SUBSCRIBE client may leave unread before its
                                                  subscription is ended with 53400 (default 100000)
                """);
    }
}
