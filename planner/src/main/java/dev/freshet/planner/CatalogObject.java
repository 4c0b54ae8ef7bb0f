package dev.freshet.planner;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An object of the catalog: immutable, identified by an id that is never reused, named in the
 * single user schema {@code public}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TableDescriptor.class, name = "table"),
    @JsonSubTypes.Type(value = ViewDescriptor.class, name = "view"),
    @JsonSubTypes.Type(value = MaterializedViewDescriptor.class, name = "materialized_view"),
    @JsonSubTypes.Type(value = SourceDescriptor.class, name = "source"),
    @JsonSubTypes.Type(value = SinkDescriptor.class, name = "sink")
})
public sealed interface CatalogObject
        permits TableDescriptor, ViewDescriptor, MaterializedViewDescriptor, SourceDescriptor, SinkDescriptor {
    long id();

    String name();

    ObjectKind objectKind();

    /** The columns, in order; for a table without primary key, not including its hidden row id. */
    List<ColumnDescriptor> columns();

    /** The ids of the objects this one reads (a view's tables); empty when it reads none. */
    List<Long> dependencies();

    /** The statement that created the object, as the user typed it, for SHOW CREATE. */
    String definition();
}
