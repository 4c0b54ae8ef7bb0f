package dev.freshet.executor.source.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import dev.freshet.executor.format.RecordFormats;
import dev.freshet.executor.source.ConnectorOptions;
import dev.freshet.executor.source.SourceConnector;
import dev.freshet.executor.source.SourceDefinition;
import dev.freshet.executor.source.SourceReader;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.SourceDescriptor;
import dev.freshet.planner.WatermarkDescriptor;

/**
 * {@code connector = 'kafka'}: the records of a topic, decoded by {@code format} into the
 * declared columns ({@link KafkaSourceOptions} lists the options). Each view reading the source
 * has its own readers, one per worker, which together read every partition; the offsets a view
 * has read up to are committed with its epochs in Freshet's storage.
 */
public final class KafkaSourceConnector implements SourceConnector {
    public static final String NAME = "kafka";

    /** The thread every watcher of this connector's sources looks at their topics on; made when first needed. */
    private ScheduledExecutorService metadata;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceDefinition define(List<ColumnDescriptor> declared, WatermarkDescriptor watermark,
            Map<String, String> options) {
        new ConnectorOptions(NAME, options).requireDeclaredColumns(declared, "they say what to read from each record",
                "CREATE SOURCE bids (auction BIGINT, price BIGINT, date_time TIMESTAMP) WITH (connector = 'kafka', "
                        + "topic = 'bids', \"properties.bootstrap.servers\" = '127.0.0.1:9092', format = 'json');");
        KafkaSourceOptions settings = KafkaSourceOptions.of(declared, options);
        RecordFormats.decoder(settings.payloadFormat(), settings.payloadColumns(), options);
        return new SourceDefinition(declared, watermark);
    }

    @Override
    public List<SourceReader> open(SourceDescriptor source, int parallelism, Map<Integer, Long> committed) {
        KafkaSourceOptions settings = KafkaSourceOptions.of(source.columns(), source.options());
        List<SourceReader> readers = new ArrayList<>();
        KafkaPartitionWatcher watcher = new KafkaPartitionWatcher("source " + source.name(), settings,
                metadataThread());
        try {
            for (int worker = 0; worker < parallelism; worker++) {
                readers.add(new KafkaSourceReader("source " + source.name() + " reader " + worker + "/" + parallelism,
                        settings, source.columns(),
                        RecordFormats.decoder(settings.payloadFormat(), settings.payloadColumns(), source.options()),
                        worker, parallelism, committed, watcher, worker == 0));
            }
        } catch (RuntimeException e) {
            readers.forEach(SourceReader::close);
            watcher.close();
            throw e;
        }
        return readers;
    }

    private synchronized ScheduledExecutorService metadataThread() {
        if (metadata == null) {
            metadata = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "freshet-kafka-metadata");
                thread.setDaemon(true);
                return thread;
            });
        }
        return metadata;
    }
}
