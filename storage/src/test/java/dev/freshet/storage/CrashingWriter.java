package dev.freshet.storage;

import java.nio.file.Path;

/**
 * A process for {@link KillRecoveryTest}: commits rows to two keyspaces at once, one id per commit,
 * and prints each id once its commit has returned, until it is killed.
 */
final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) {
        StorageEngine engine = StorageEngines.open(Path.of(args[0]),
                StorageOptions.defaults().withBlockCacheBytes(8 << 20).withIdBlockSize(16));
        byte[] value = new byte[200];
        while (true) {
            long id = engine.ids().nextId("rows");
            byte[] key = MemcomparableCodec.ascending(ValueType.INT64).encode(new Object[] {id});
            try (StorageWriter writer = engine.beginBatch()) {
                writer.put(1, key, value);
                writer.put(2, key, value);
                writer.commit();
            }
            System.out.println(id);
            System.out.flush();
        }
    }
}
