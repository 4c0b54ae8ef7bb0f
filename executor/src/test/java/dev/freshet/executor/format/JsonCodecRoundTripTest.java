package dev.freshet.executor.format;

/** Rows written as JSON read back the same. */
class JsonCodecRoundTripTest extends AbstractCodecRoundTripTest {
    @Override
    protected String format() {
        return RecordFormats.JSON;
    }
}
