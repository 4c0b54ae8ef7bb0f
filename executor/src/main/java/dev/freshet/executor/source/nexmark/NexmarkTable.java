package dev.freshet.executor.source.nexmark;

import static java.lang.String.format;

import java.util.List;
import java.util.Locale;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;
import dev.freshet.planner.DataType.Kind;

/**
 * The three NEXMark tables, with RisingWave's snake_case columns in RisingWave's order.
 *
 * <p>A row of a table is an {@code Object[]} in Calcite's internal representation: BIGINT a
 * {@code Long}, VARCHAR a {@code String}, TIMESTAMP a {@code Long} of epoch milliseconds. No column
 * is ever null.
 */
public enum NexmarkTable {
    /** {@code person(id, name, email_address, credit_card, city, state, date_time, extra)}. */
    PERSON(List.of(
            bigint("id"),
            varchar("name"),
            varchar("email_address"),
            varchar("credit_card"),
            varchar("city"),
            varchar("state"),
            timestamp("date_time"),
            varchar("extra"))),
    /**
     * {@code auction(id, item_name, description, initial_bid, reserve, date_time, expires, seller,
     * category, extra)}.
     */
    AUCTION(List.of(
            bigint("id"),
            varchar("item_name"),
            varchar("description"),
            bigint("initial_bid"),
            bigint("reserve"),
            timestamp("date_time"),
            timestamp("expires"),
            bigint("seller"),
            bigint("category"),
            varchar("extra"))),
    /** {@code bid(auction, bidder, price, channel, url, date_time, extra)}. */
    BID(List.of(
            bigint("auction"),
            bigint("bidder"),
            bigint("price"),
            varchar("channel"),
            varchar("url"),
            timestamp("date_time"),
            varchar("extra")));

    private final List<ColumnDescriptor> columns;

    NexmarkTable(List<ColumnDescriptor> columns) {
        this.columns = columns;
    }

    /** The columns, in the order of a row's values. */
    public List<ColumnDescriptor> columns() {
        return columns;
    }

    /** The name the {@code "nexmark.table"} option uses: {@code person}, {@code auction} or {@code bid}. */
    public String tableName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The table named by the {@code "nexmark.table"} option, in any case.
     *
     * @throws FreshetException (INVALID_PARAMETER_VALUE) for any other name
     */
    public static NexmarkTable fromName(String name) {
        for (NexmarkTable table : values()) {
            if (table.tableName().equalsIgnoreCase(name)) {
                return table;
            }
        }
        throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                format("nexmark.table must be 'person', 'auction' or 'bid', not '%s'", name));
    }

    private static ColumnDescriptor bigint(String name) {
        return new ColumnDescriptor(name, DataType.of(Kind.BIGINT), false, null);
    }

    private static ColumnDescriptor varchar(String name) {
        return new ColumnDescriptor(name, DataType.of(Kind.VARCHAR), false, null);
    }

    private static ColumnDescriptor timestamp(String name) {
        return new ColumnDescriptor(name, DataType.of(Kind.TIMESTAMP), false, null);
    }
}
