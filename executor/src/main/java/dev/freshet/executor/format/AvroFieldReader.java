package dev.freshet.executor.format;

/**
 * Reads one column's value from what Avro's generic reader made of the column's field: a
 * {@code Boolean}, {@code Integer}, {@code Long}, {@code Float}, {@code Double},
 * {@code ByteBuffer}, {@code GenericFixed}, {@code Utf8} or enum symbol, or null. Made, with the
 * check that the field's type suits the column, by {@link AvroFieldReaders}.
 */
@FunctionalInterface
interface AvroFieldReader {
    /** The column's value in its internal representation. */
    Object read(Object value) throws BadRecordException;
}
