package dev.freshet.executor.format;

/** Rows written as Avro read back the same. */
class AvroCodecRoundTripTest extends AbstractCodecRoundTripTest {
    @Override
    protected String format() {
        return RecordFormats.AVRO;
    }
}
