package dev.freshet.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.freshet.server.FreshetServer;
import dev.freshet.server.ServerConfig;

/**
 * A Freshet server in the benchmark's own JVM, listening on 127.0.0.1 without a metrics endpoint.
 * Its data directory is a fresh temporary one, deleted on {@link #close()}, unless the caller
 * names one (which is then kept).
 */
final class InProcessServer implements AutoCloseable {
    private final FreshetServer server;
    private final Path dataDirectory;
    private final boolean temporary;

    private InProcessServer(FreshetServer server, Path dataDirectory, boolean temporary) {
        this.server = requireNonNull(server, "server is null");
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.temporary = temporary;
    }

    /**
     * Starts a server.
     *
     * @param port the PostgreSQL port; 0 picks a free one
     * @param dataDirectory where the data goes, or null for a fresh temporary directory
     */
    static InProcessServer start(int port, Path dataDirectory) throws IOException {
        return start(port, dataDirectory, List.of());
    }

    /**
     * Starts a server with more settings.
     *
     * @param port the PostgreSQL port; 0 picks a free one
     * @param dataDirectory where the data goes, or null for a fresh temporary directory
     * @param settings more server options, as on its command line ({@code --dataflow.workers 2})
     */
    static InProcessServer start(int port, Path dataDirectory, List<String> settings) throws IOException {
        boolean temporary = dataDirectory == null;
        Path directory = temporary ? Files.createTempDirectory("freshet-bench-") : dataDirectory;
        // Through the command-line parser rather than the record's constructor, so that settings
        // the server gains later take their defaults here too.
        List<String> arguments = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", Integer.toString(port),
                "--metrics-port", "-1", "--data-dir", directory.toString()));
        arguments.addAll(settings);
        ServerConfig config = ServerConfig.fromArguments(arguments);
        FreshetServer server;
        try {
            server = FreshetServer.start(config);
        } catch (RuntimeException e) {
            if (temporary) {
                deleteRecursively(directory);
            }
            throw e;
        }
        return new InProcessServer(server, directory, temporary);
    }

    int port() {
        return server.port();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** The bytes of the files in the data directory now (RocksDB may be compacting; a rough figure). */
    long dataDirectoryBytes() throws IOException {
        long total = 0;
        for (Path file : files(dataDirectory)) {
            try {
                total += Files.size(file);
            } catch (NoSuchFileException e) {
                // Compaction deleted it after the listing: it no longer takes space.
            }
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            if (temporary) {
                deleteRecursively(dataDirectory);
            }
        }
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> files = new ArrayList<>();
            paths.filter(Files::isRegularFile).forEach(files::add);
            return files;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Deletes a directory and everything in it. */
    static void deleteRecursively(Path directory) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(directory)) {
            paths = new ArrayList<>(walk.toList());
        }
        // Children before their parents.
        paths.sort(Comparator.reverseOrder());
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
