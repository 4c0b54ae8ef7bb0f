package dev.freshet.executor.format;

import static java.lang.String.format;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/**
 * The Avro schemas Freshet derives from columns, and the checks a given schema passes.
 *
 * <p>A row is a record with one field per column, in column order, named as the column:
 * BOOLEAN {@code boolean}; SMALLINT, INTEGER {@code int}; BIGINT, INTERVAL (milliseconds)
 * {@code long}; REAL {@code float}; DOUBLE {@code double}; DECIMAL(p, s) {@code bytes} with
 * logical type {@code decimal(p, s)}, unconstrained NUMERIC as {@code decimal(38, 16)}, the type
 * Freshet plans it with; VARCHAR {@code string}; BYTEA {@code bytes}; DATE {@code int date};
 * TIME {@code int time-millis}; TIMESTAMP {@code long local-timestamp-millis}; TIMESTAMPTZ
 * {@code long timestamp-millis}. A nullable column's field is the union {@code ["null", T]} with
 * default null, as Avro's convention for optional fields has it.
 */
final class AvroSchemas {
    /** The record name of a derived row. */
    static final String ROW = "Row";
    /** The record name of a derived key. */
    static final String KEY = "Key";
    /** The record name of a Debezium envelope. */
    static final String ENVELOPE = "Envelope";

    private AvroSchemas() {
    }

    /**
     * The record schema of rows of {@code columns}.
     *
     * @throws FreshetException {@code INVALID_NAME} for a column name Avro does not allow
     */
    static Schema row(String recordName, List<ColumnDescriptor> columns) {
        List<Schema.Field> fields = new ArrayList<>(columns.size());
        for (ColumnDescriptor column : columns) {
            Schema type = type(column.type());
            try {
                fields.add(column.nullable()
                        ? new Schema.Field(column.name(), nullable(type), null, JsonProperties.NULL_VALUE)
                        : new Schema.Field(column.name(), type));
            } catch (SchemaParseException e) {
                throw new FreshetException(ErrorCode.INVALID_NAME, format("column %s cannot be an Avro field: Avro "
                        + "names are letters, digits and underscores, not starting with a digit", column.name()), e)
                        .withHint("Rename the column, for example with AS in the sink's query.");
            }
        }
        return Schema.createRecord(recordName, null, null, false, fields);
    }

    /** The schema of a Debezium envelope around rows of {@code row}'s schema. */
    static Schema envelope(Schema row) {
        return Schema.createRecord(ENVELOPE, null, null, false, List.of(
                new Schema.Field("before", nullable(row), null, JsonProperties.NULL_VALUE),
                new Schema.Field("after", nullable(row), null, JsonProperties.NULL_VALUE),
                new Schema.Field("op", Schema.create(Schema.Type.STRING)),
                new Schema.Field("ts_ms", Schema.create(Schema.Type.LONG))));
    }

    /** The decimal logical type of a DECIMAL column's field. */
    static LogicalTypes.Decimal decimal(DataType type) {
        if (type.precision() < 0) {
            return LogicalTypes.decimal(DataType.MAX_DECIMAL_PRECISION, DataType.UNCONSTRAINED_DECIMAL_SCALE);
        }
        return LogicalTypes.decimal(type.precision(), Math.max(type.scale(), 0));
    }

    /**
     * The one type other than null of a field's schema: the schema itself, or the other branch of
     * a union with null.
     *
     * @throws FreshetException (22023) for a union of two or more types besides null
     */
    static Schema nonNull(Schema.Field field, String option) {
        Schema schema = field.schema();
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> types = schema.getTypes().stream().filter(type -> type.getType() != Schema.Type.NULL).toList();
        if (types.size() != 1) {
            throw FormatOptions.invalid(option, format("field %s is the union %s; only unions of null and one "
                    + "other type can be read", field.name(), schema));
        }
        return types.get(0);
    }

    /**
     * Refuses a given schema that some bytes could make the decoder spend unbounded stack or time
     * on: records that contain themselves, which a record of a few bytes per level could nest deep
     * enough to overflow the stack; and arrays of items that take no bytes (null, records without
     * such fields, fixed of size 0), of which a few bytes could claim billions.
     *
     * @throws FreshetException (22023) naming {@code option}
     */
    static void checkReadable(Schema schema, String option) {
        refuseRecursion(schema, new HashSet<>(), option);
        refuseArraysOfNothing(schema, new HashSet<>(), option);
    }

    private static void refuseRecursion(Schema schema, Set<String> enclosing, String option) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!enclosing.add(schema.getFullName())) {
                    throw FormatOptions.invalid(option, format("record %s contains itself; recursive schemas "
                            + "are not supported", schema.getFullName()));
                }
                for (Schema.Field field : schema.getFields()) {
                    refuseRecursion(field.schema(), enclosing, option);
                }
                enclosing.remove(schema.getFullName());
            }
            case UNION -> {
                for (Schema type : schema.getTypes()) {
                    refuseRecursion(type, enclosing, option);
                }
            }
            case ARRAY -> refuseRecursion(schema.getElementType(), enclosing, option);
            case MAP -> refuseRecursion(schema.getValueType(), enclosing, option);
            default -> {
                // Other types hold no schemas.
            }
        }
    }

    /** Walks a schema already known not to be recursive; {@code visited} holds the records seen. */
    private static void refuseArraysOfNothing(Schema schema, Set<String> visited, String option) {
        switch (schema.getType()) {
            case RECORD -> {
                if (visited.add(schema.getFullName())) {
                    for (Schema.Field field : schema.getFields()) {
                        refuseArraysOfNothing(field.schema(), visited, option);
                    }
                }
            }
            case UNION -> {
                for (Schema type : schema.getTypes()) {
                    refuseArraysOfNothing(type, visited, option);
                }
            }
            case ARRAY -> {
                if (takesNoBytes(schema.getElementType())) {
                    throw FormatOptions.invalid(option, format("the array %s has items that take no bytes, which "
                            + "is not supported", schema));
                }
                refuseArraysOfNothing(schema.getElementType(), visited, option);
            }
            case MAP -> refuseArraysOfNothing(schema.getValueType(), visited, option);
            default -> {
                // Other types hold no schemas.
            }
        }
    }

    private static boolean takesNoBytes(Schema schema) {
        return switch (schema.getType()) {
            case NULL -> true;
            case FIXED -> schema.getFixedSize() == 0;
            case RECORD -> schema.getFields().stream().allMatch(field -> takesNoBytes(field.schema()));
            default -> false;
        };
    }

    private static Schema nullable(Schema type) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
    }

    private static Schema type(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case SMALLINT, INTEGER -> Schema.create(Schema.Type.INT);
            case BIGINT, INTERVAL -> Schema.create(Schema.Type.LONG);
            case REAL -> Schema.create(Schema.Type.FLOAT);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case DECIMAL -> decimal(type).addToSchema(Schema.create(Schema.Type.BYTES));
            case VARCHAR -> Schema.create(Schema.Type.STRING);
            case BYTEA -> Schema.create(Schema.Type.BYTES);
            case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case TIME -> LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
            case TIMESTAMP -> LogicalTypes.localTimestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
            case TIMESTAMPTZ -> LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        };
    }
}
