package dev.freshet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The CPU time the whole machine has spent busy, from the first line of {@code /proc/stat}: the
 * benchmark subtracts its server's share to tell how much other work competed for the cores
 * while it measured.
 */
final class MachineCpu {
    private static final Path STAT = Path.of("/proc/stat");
    /**
     * The unit of /proc/stat, USER_HZ. It is 100 on every Linux architecture Java runs on, and
     * Java cannot ask sysconf for it.
     */
    private static final double TICKS_PER_SECOND = 100.0;

    private MachineCpu() {
    }

    /**
     * The CPU seconds all cores together have spent on anything but idling and waiting for I/O
     * since boot, or empty where there is no /proc (not Linux).
     */
    static OptionalDouble busySeconds() {
        List<String> lines;
        try {
            lines = Files.readAllLines(STAT, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("cpu ")) {
            return OptionalDouble.empty();
        }
        // cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is
        // already counted in user and nice.
        String[] fields = lines.get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return OptionalDouble.of(busy / TICKS_PER_SECOND);
    }
}
