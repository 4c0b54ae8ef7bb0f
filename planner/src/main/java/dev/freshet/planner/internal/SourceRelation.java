package dev.freshet.planner.internal;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.SourceDescriptor;

/**
 * A source as Calcite sees it: a relation with the source's columns that only a materialized
 * view's streaming plan may read. Freshet keeps no rows of a source, so a batch query naming one
 * (directly or through a plain view) is refused while it is planned ({@link #refuseIn}).
 */
public final class SourceRelation extends AbstractTable {
    private final SourceDescriptor source;

    public SourceRelation(SourceDescriptor source) {
        this.source = requireNonNull(source, "source is null");
    }

    public SourceDescriptor descriptor() {
        return source;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (ColumnDescriptor column : source.columns()) {
            builder.add(column.name(), column.type().toRelDataType(typeFactory, column.nullable()));
        }
        return builder.build();
    }

    /**
     * Fails when a batch plan reads a source.
     *
     * @throws FreshetException {@code WRONG_OBJECT_TYPE}, with a hint to create a materialized view
     */
    public static void refuseIn(RelNode plan) {
        plan.accept(new RelShuttleImpl() {
            @Override
            public RelNode visit(TableScan scan) {
                SourceRelation relation = scan.getTable().unwrap(SourceRelation.class);
                if (relation != null) {
                    String name = relation.source.name();
                    throw new FreshetException(ErrorCode.WRONG_OBJECT_TYPE, "cannot read source \"" + name
                            + "\" in a query: Freshet does not store a source's rows, it streams them into the "
                            + "materialized views that read it")
                            .withHint("Create a materialized view over it and query that, for example: "
                                    + "CREATE MATERIALIZED VIEW " + name + "_rows AS SELECT * FROM " + name + ";");
                }
                return scan;
            }
        });
    }
}
