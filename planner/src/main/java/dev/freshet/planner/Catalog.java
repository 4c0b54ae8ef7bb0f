package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of the user's objects. Every statement plans against one snapshot; DDL
 * builds the next snapshot with {@link #with} or {@link #without} and publishes it.
 */
public final class Catalog {
    private static final Catalog EMPTY = new Catalog(Map.of());

    private final Map<String, CatalogObject> objectsByName;

    private Catalog(Map<String, CatalogObject> objectsByName) {
        this.objectsByName = Collections.unmodifiableMap(objectsByName);
    }

    public static Catalog empty() {
        return EMPTY;
    }

    public static Catalog of(Collection<CatalogObject> objects) {
        Map<String, CatalogObject> byName = new TreeMap<>();
        for (CatalogObject object : objects) {
            byName.put(object.name(), object);
        }
        return new Catalog(byName);
    }

    /** The object with this name, or empty. */
    public Optional<CatalogObject> find(String name) {
        return Optional.ofNullable(objectsByName.get(requireNonNull(name, "name is null")));
    }

    /** The object with this id, or empty. */
    public Optional<CatalogObject> findById(long id) {
        return objectsByName.values().stream().filter(object -> object.id() == id).findFirst();
    }

    /** Every object, ordered by name. */
    public Collection<CatalogObject> objects() {
        return objectsByName.values();
    }

    /** The objects of one kind, ordered by name. */
    public List<CatalogObject> objects(ObjectKind kind) {
        return objectsByName.values().stream().filter(object -> object.objectKind() == kind).toList();
    }

    /** The objects that read the given one directly, ordered by name. */
    public List<CatalogObject> dependents(long id) {
        List<CatalogObject> dependents = new ArrayList<>();
        for (CatalogObject object : objectsByName.values()) {
            if (object.dependencies().contains(id)) {
                dependents.add(object);
            }
        }
        return dependents;
    }

    /** A catalog with this object added, replacing an object of the same name. */
    public Catalog with(CatalogObject object) {
        Map<String, CatalogObject> byName = new TreeMap<>(objectsByName);
        byName.put(object.name(), object);
        return new Catalog(byName);
    }

    /** A catalog without the object of this name. */
    public Catalog without(String name) {
        Map<String, CatalogObject> byName = new TreeMap<>(objectsByName);
        byName.remove(name);
        return new Catalog(byName);
    }
}
