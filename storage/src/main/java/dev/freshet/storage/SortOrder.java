package dev.freshet.storage;

/**
 * The order of one key column. As in PostgreSQL, NULL sorts after every value in ascending
 * order and before every value in descending order.
 */
public enum SortOrder {
    ASCENDING,
    DESCENDING
}
