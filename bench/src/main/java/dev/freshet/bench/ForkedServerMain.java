package dev.freshet.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The server process {@link ForkedServer} starts: a Freshet server (the same
 * {@code FreshetServer.start} as {@code ./freshet server}) in a JVM of its own, listening on a free
 * port of 127.0.0.1 without a metrics endpoint, that also keeps its heap's {@link HeapHighWater}
 * marks.
 *
 * <p>Usage: {@code ForkedServerMain DATA_DIR [server option ...]}, the options as on the server's
 * command line ({@code --dataflow.workers 2}). It talks with its parent over its standard streams:
 * <pre>
 *   stdout  {@value #READY} PORT                         once clients may connect
 *   stdin   (end of input)                                 stop, please
 *   stdout  {@value #HEAP} BEFORE_GC AFTER_GC MAX          the heap marks in bytes, then it stops
 * </pre>
 * Before the heap line it asks for one more collection, so that a run too short for any still
 * has an after-collection figure. The data directory is kept; the server's log goes to stderr.
 * Exits with status 1 when the server cannot start.
 */
public final class ForkedServerMain {
    static final String READY = "forked-server: ready";
    static final String HEAP = "forked-server: heap";
    private static final long COLLECTION_WAIT_MILLIS = 2000;

    private ForkedServerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: ForkedServerMain DATA_DIR [server option ...]");
            System.exit(2);
            return;
        }
        HeapHighWater heap = HeapHighWater.listen();
        List<String> arguments = List.of(args);
        InProcessServer server;
        try {
            server = InProcessServer.start(0, Path.of(arguments.get(0)), arguments.subList(1, arguments.size()));
        } catch (RuntimeException e) {
            System.err.println("forked-server: the server could not start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        try (server) {
            System.out.println(READY + " " + server.port());
            System.out.flush();
            // Whatever the parent writes is skipped; the end of input is the signal.
            System.in.transferTo(OutputStream.nullOutputStream());
            heap.collectNow(COLLECTION_WAIT_MILLIS);
            System.out.println(HEAP + " " + heap.peakBeforeGcBytes() + " " + heap.peakAfterGcBytes() + " "
                    + Runtime.getRuntime().maxMemory());
            System.out.flush();
        }
        System.exit(0);
    }
}
