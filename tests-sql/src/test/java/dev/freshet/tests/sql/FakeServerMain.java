package dev.freshet.tests.sql;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for the server's main class in {@link FreshetServerProcessTest}: it takes the same
 * arguments, prints the same ready line, and counts its starts in the data directory. The
 * system property {@code fake.mode} makes it misbehave: {@code exit} (dies before ready),
 * {@code silent} (never ready), {@code stubborn} (does not stop on SIGTERM).
 */
public final class FakeServerMain {
    private FakeServerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dataDir = null;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--data-dir")) {
                dataDir = Path.of(args[i + 1]);
            }
        }
        String mode = System.getProperty("fake.mode", "normal");
        System.out.println("fake: starting in mode " + mode);
        if (mode.equals("exit")) {
            System.out.println("fake: boom");
            System.exit(3);
        }
        Files.createDirectories(dataDir);
        Path starts = dataDir.resolve("starts");
        int count = Files.exists(starts) ? Integer.parseInt(Files.readString(starts, UTF_8).strip()) : 0;
        Files.writeString(starts, Integer.toString(count + 1), UTF_8);
        if (mode.equals("stubborn")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> sleepForever()));
        }
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            if (!mode.equals("silent")) {
                System.out.println("freshet: listening for PostgreSQL clients on 127.0.0.1:" + socket.getLocalPort());
            }
            sleepForever();
        }
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
