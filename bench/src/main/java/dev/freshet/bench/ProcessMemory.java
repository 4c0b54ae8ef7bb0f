package dev.freshet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a process holds in memory: the Java heap in use (of this JVM), and the resident set of
 * this or another process, which also counts what lives outside the heap (RocksDB's block cache
 * and memtables, Netty's direct buffers, thread stacks, code).
 */
final class ProcessMemory {
    private static final Path OWN_STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    /**
     * The heap in use after a full collection was asked for, so that it counts live data rather
     * than garbage not yet collected. {@link System#gc()} is a request; with the default
     * collectors it runs one.
     */
    static long heapUsedAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** This process's resident set size (VmRSS), or empty where there is no /proc (not Linux). */
    static OptionalLong residentSetBytes() {
        return statusKilobytes(OWN_STATUS, "VmRSS:");
    }

    /**
     * The largest resident set process {@code pid} has had since it started (VmHWM, its high-water
     * mark), or empty where there is no /proc or the process has ended.
     */
    static OptionalLong peakResidentSetBytes(long pid) {
        return statusKilobytes(Path.of("/proc", Long.toString(pid), "status"), "VmHWM:");
    }

    private static OptionalLong statusKilobytes(Path status, String field) {
        List<String> lines;
        try {
            lines = Files.readAllLines(status, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        for (String line : lines) {
            // "VmRSS:     123456 kB": the kernel always reports it in kB.
            if (line.startsWith(field)) {
                String[] fields = line.substring(field.length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(fields[0]) * 1024);
            }
        }
        return OptionalLong.empty();
    }
}
