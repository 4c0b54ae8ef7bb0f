package dev.freshet.executor.source.datagen;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.freshet.executor.source.ConnectorOptions;
import dev.freshet.executor.source.SourceConnector;
import dev.freshet.executor.source.SourceDefinition;
import dev.freshet.executor.source.SourceReader;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.SourceDescriptor;
import dev.freshet.planner.WatermarkDescriptor;

/**
 * {@code connector = 'datagen'}: fills the declared columns with sequences and random values at
 * {@code rows_per_second}, as {@link DatagenConfig} describes. The rows are the same for the same
 * options, but for timestamps, which are taken near the time each row is made.
 */
public final class DatagenConnector implements SourceConnector {
    public static final String NAME = "datagen";

    private final Clock clock;

    /** @param clock the clock random timestamps are taken near */
    public DatagenConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceDefinition define(List<ColumnDescriptor> declared, WatermarkDescriptor watermark,
            Map<String, String> options) {
        new ConnectorOptions(NAME, options).requireDeclaredColumns(declared, "it fills the columns it is given",
                "CREATE SOURCE g (id BIGINT, v DOUBLE, ts TIMESTAMP) WITH (connector = 'datagen', "
                        + "rows_per_second = 1000);");
        DatagenConfig.parse(declared, options);
        return new SourceDefinition(declared, watermark);
    }

    @Override
    public List<SourceReader> open(SourceDescriptor source, int parallelism, Map<Integer, Long> committed) {
        DatagenConfig config = DatagenConfig.parse(source.columns(), source.options());
        int splits = committed.isEmpty() ? parallelism : committed.size();
        List<SourceReader> readers = new ArrayList<>();
        for (int split = 0; split < splits; split++) {
            readers.add(new DatagenReader(new DatagenGenerator(config, clock), new DatagenSplit(split, splits),
                    committed.getOrDefault(split, 0L)));
        }
        return readers;
    }
}
