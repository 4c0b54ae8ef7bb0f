package dev.freshet.server.catalog;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A system table as Calcite sees it: its rows are computed from the statement's
 * {@link PgCatalogSnapshot} and its storage read when the plan runs (so that {@code pg_settings}
 * shows the settings of the moment, and {@code freshet_catalog} the run's snapshot), never stored.
 *
 * <p>Every column is nullable, as PostgreSQL's catalog views are to the planner.
 */
final class SystemTable extends AbstractTable implements ScannableTable {
    private final SystemTableDefinition definition;
    private final PgCatalogSnapshot snapshot;
    private final SystemTableRows rows;

    SystemTable(SystemTableDefinition definition, PgCatalogSnapshot snapshot, SystemTableRows rows) {
        this.definition = requireNonNull(definition, "definition is null");
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
        this.rows = requireNonNull(rows, "rows is null");
    }

    SystemTableDefinition definition() {
        return definition;
    }

    /** The snapshot the catalog functions of the same plan read, found through this table. */
    PgCatalogSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (SystemColumn column : definition.columns()) {
            builder.add(column.name(), typeFactory.createTypeWithNullability(calciteType(typeFactory, column), true));
        }
        return builder.build();
    }

    private static RelDataType calciteType(RelDataTypeFactory typeFactory, SystemColumn column) {
        SqlTypeName type = column.type().calciteType();
        if (type == SqlTypeName.DECIMAL) {
            return typeFactory.createSqlType(type, 38, 16);
        }
        if (type == SqlTypeName.INTERVAL_DAY_SECOND) {
            return typeFactory.createSqlIntervalType(
                    new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO));
        }
        return typeFactory.createSqlType(type);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        return Linq4j.asEnumerable(rows.compute(snapshot, root));
    }
}
