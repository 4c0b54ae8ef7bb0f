package dev.freshet.executor.source.nexmark;

import static java.lang.String.format;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.executor.source.ConnectorOptions;
import dev.freshet.executor.source.SourceConnector;
import dev.freshet.executor.source.SourceDefinition;
import dev.freshet.executor.source.SourceReader;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.SourceDescriptor;
import dev.freshet.planner.WatermarkDescriptor;

/**
 * {@code connector = 'nexmark'}: one of the three NEXMark tables, made by {@link NexmarkGenerator}.
 *
 * <p>Options:
 * <ul>
 *   <li>{@code nexmark.table}: {@code person}, {@code auction} or {@code bid}; required.
 *   <li>{@code nexmark.events}: how many events of the NEXMark stream to make, counting all three
 *       kinds together (so a bid source of 1,000,000 events has the 920,000 bids among them);
 *       unbounded when not given.
 *   <li>{@code nexmark.rate}: events per second of wall-clock time, again of all kinds; 0 makes
 *       them as fast as the dataflow takes them. Default 10,000.
 *   <li>{@code nexmark.event_rate}: events per second of event time, the spacing of
 *       {@code date_time}; default {@code nexmark.rate}, or 10,000,000 (the benchmark suite's
 *       setting) when that is 0.
 *   <li>{@code nexmark.seed}: default 42. {@code nexmark.base_time}: the event time of the first
 *       event, {@code 'YYYY-MM-DD HH:MM:SS'}, default {@code '2024-01-01 00:00:00'}.
 * </ul>
 * The same options give the same rows, identical to the Flink harness's generator. Columns may be
 * left out of the statement (the table's own are used) or declared as a subset of them.
 * Without a declared watermark, {@code date_time - INTERVAL '4' SECOND} is the watermark, as in
 * the benchmark's DDL.
 */
public final class NexmarkConnector implements SourceConnector {
    public static final String NAME = "nexmark";
    public static final String TABLE = "nexmark.table";
    public static final String EVENTS = "nexmark.events";
    public static final String RATE = "nexmark.rate";
    public static final String EVENT_RATE = "nexmark.event_rate";
    public static final String SEED = "nexmark.seed";
    public static final String BASE_TIME = "nexmark.base_time";
    public static final long DEFAULT_RATE = 10_000;

    private static final List<String> OPTIONS = List.of(TABLE, EVENTS, RATE, EVENT_RATE, SEED, BASE_TIME);
    private static final String TIME_COLUMN = "date_time";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceDefinition define(List<ColumnDescriptor> declared, WatermarkDescriptor watermark,
            Map<String, String> options) {
        Settings settings = Settings.of(options);
        List<ColumnDescriptor> own = settings.table.columns();
        List<ColumnDescriptor> columns = declared.isEmpty() ? own : declared;
        projection(settings.table, columns);
        if (watermark == null && columns.stream().anyMatch(column -> column.name().equals(TIME_COLUMN))) {
            watermark = new WatermarkDescriptor(TIME_COLUMN, TIME_COLUMN + " - INTERVAL '4' SECOND");
        }
        return new SourceDefinition(columns, watermark);
    }

    @Override
    public List<SourceReader> open(SourceDescriptor source, int parallelism, Map<Integer, Long> committed) {
        Settings settings = Settings.of(source.options());
        int[] projection = projection(settings.table, source.columns());
        int splits = committed.isEmpty() ? parallelism : committed.size();
        List<SourceReader> readers = new ArrayList<>();
        for (int split = 0; split < splits; split++) {
            long position = committed.getOrDefault(split, 0L);
            readers.add(new NexmarkReader(new NexmarkGenerator(settings.config), settings.table,
                    new NexmarkSplit(split, splits), position, settings.wallRate, projection));
        }
        return readers;
    }

    /**
     * Where each column of the source is in the table's rows.
     *
     * @throws FreshetException when a declared column is not the table's, or has another type
     */
    private static int[] projection(NexmarkTable table, List<ColumnDescriptor> columns) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < table.columns().size(); i++) {
            positions.put(table.columns().get(i).name(), i);
        }
        int[] projection = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            ColumnDescriptor column = columns.get(i);
            Integer position = positions.get(column.name());
            if (position == null) {
                throw new FreshetException(ErrorCode.UNDEFINED_COLUMN, format(
                        "the nexmark %s table has no column \"%s\"", table.tableName(), column.name()))
                        .withHint("Its columns are: " + String.join(", ",
                                table.columns().stream().map(ColumnDescriptor::name).toList())
                                + ". Leave the columns out to get them all.");
            }
            ColumnDescriptor own = table.columns().get(position);
            if (!own.type().equals(column.type())) {
                throw new FreshetException(ErrorCode.DATATYPE_MISMATCH, format(
                        "column \"%s\" of the nexmark %s table is %s, not %s", column.name(), table.tableName(),
                        own.type().displayName(), column.type().displayName()));
            }
            projection[i] = position;
        }
        return projection;
    }

    /** The options, read and checked. */
    private record Settings(NexmarkTable table, NexmarkConfig config, long wallRate) {
        static Settings of(Map<String, String> options) {
            ConnectorOptions reader = new ConnectorOptions(NAME, options);
            reader.refuseUnknown(OPTIONS);
            NexmarkTable table = NexmarkTable.fromName(reader.required(TABLE, "'person', 'auction' or 'bid'"));
            long events = reader.longValue(EVENTS, Long.MAX_VALUE, 0);
            long wallRate = reader.longValue(RATE, DEFAULT_RATE, 0);
            long eventRate = reader.longValue(EVENT_RATE,
                    wallRate == 0 ? NexmarkConfig.DEFAULT_EVENTS_PER_SECOND : wallRate, 1);
            long seed = reader.longValue(SEED, NexmarkConfig.DEFAULT_SEED, Long.MIN_VALUE);
            long baseTime = reader.string(BASE_TIME).map(text -> baseTime(reader, text))
                    .orElse(NexmarkConfig.DEFAULT_BASE_TIME_MILLIS);
            NexmarkConfig config = NexmarkConfig.defaults().withSeed(seed).withEvents(0, events)
                    .withEventsPerSecond(eventRate).withBaseTimeMillis(baseTime);
            return new Settings(table, config, wallRate);
        }

        private static long baseTime(ConnectorOptions reader, String text) {
            try {
                return LocalDateTime.parse(text.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw reader.invalid(BASE_TIME, text, "a timestamp such as '2024-01-01 00:00:00'");
            }
        }
    }
}
