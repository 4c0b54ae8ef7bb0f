package dev.freshet.server.metrics;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Serves the server's metrics in Prometheus' text format at {@code GET /metrics}, from the
 * JDK's own HTTP server (one thread: a scrape every few seconds needs no more).
 */
public final class MetricsServer implements AutoCloseable {
    private final PrometheusMeterRegistry registry;
    private final HttpServer http;
    private final JvmGcMetrics gcMetrics;

    private MetricsServer(PrometheusMeterRegistry registry, HttpServer http, JvmGcMetrics gcMetrics) {
        this.registry = registry;
        this.http = http;
        this.gcMetrics = gcMetrics;
    }

    /**
     * Starts serving on {@code host:port} (port 0 picks a free one).
     *
     * @throws IOException when the port cannot be bound
     */
    public static MetricsServer start(PrometheusMeterRegistry registry, String host, int port) throws IOException {
        requireNonNull(registry, "registry is null");
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
        http.createContext("/metrics", exchange -> respond(exchange, registry));
        http.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "freshet-metrics");
            thread.setDaemon(true);
            return thread;
        }));
        http.start();
        return new MetricsServer(registry, http, gcMetrics);
    }

    /** A registry for a new server. */
    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    private static void respond(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The port the endpoint listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        http.stop(0);
        gcMetrics.close();
    }
}
