package dev.freshet.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.OptionalLong;

/** What one run of one NEXMark query came to: figures, a refusal of the query, or a failure. */
sealed interface NexmarkOutcome {
    /**
     * A run that read every event into the view.
     *
     * @param events the NEXMark events of the run (each source's {@code nexmark.events})
     * @param seconds from just before {@code CREATE MATERIALIZED VIEW} to the return of a
     *     {@code FLUSH} that waited until every split of every source of the view had been read
     *     and committed
     * @param createSeconds the part of {@code seconds} the CREATE statement took (planning, code
     *     generation, starting the view)
     * @param cpuSeconds the server process's CPU time (user and system) over {@code seconds}
     * @param createCpuSeconds the part of {@code cpuSeconds} spent during the CREATE statement
     * @param otherCores the cores the rest of the machine kept busy over {@code seconds}: the
     *     machine's busy CPU time less the server's, per second (the benchmark's own polling is in
     *     it); negative when unknown
     * @param heap the server process's heap marks over its whole life
     * @param peakResidentBytes the server process's peak resident set (VmHWM) over its whole life;
     *     negative when unknown
     * @param rows the view's rows at the end
     * @param expectedRows the rows the view must have, where the benchmark can work that out
     */
    record Measured(long events, double seconds, double createSeconds, double cpuSeconds, double createCpuSeconds,
            double otherCores,
            ForkedServer.HeapMarks heap, long peakResidentBytes, long rows, OptionalLong expectedRows)
            implements NexmarkOutcome {
        public Measured {
            requireNonNull(heap, "heap is null");
            requireNonNull(expectedRows, "expectedRows is null");
        }

        double eventsPerSecond() {
            return events / seconds;
        }

        /** The server's CPU time per second of the run: how many cores it kept busy on average. */
        double cores() {
            return cpuSeconds / seconds;
        }

        /** Events per second divided by cores: the events per second of server CPU time. */
        double eventsPerSecondPerCore() {
            return events / cpuSeconds;
        }

        /**
         * Events per second after CREATE returned: closer to the Flink harness's figure, whose
         * clock starts at the first event, after planning.
         */
        double eventsPerSecondAfterCreate() {
            return events / (seconds - createSeconds);
        }

        /** Events per second of server CPU time after CREATE returned. */
        double eventsPerSecondPerCoreAfterCreate() {
            return events / (cpuSeconds - createCpuSeconds);
        }

        /** False when the view's rows differ from those it must have. */
        boolean rowsAsExpected() {
            return expectedRows.isEmpty() || expectedRows.getAsLong() == rows;
        }
    }

    /** Freshet refused the query: {@code CREATE MATERIALIZED VIEW} failed with this error. */
    record Refused(String sqlState, String message) implements NexmarkOutcome {
        public Refused {
            requireNonNull(message, "message is null");
        }
    }

    /**
     * The run went wrong after the view was created, or the server did: a crash, a hang, a view
     * that stopped reading.
     *
     * @param log the server's log of the run
     */
    record Failed(String message, Path log) implements NexmarkOutcome {
        public Failed {
            requireNonNull(message, "message is null");
            requireNonNull(log, "log is null");
        }
    }
}
