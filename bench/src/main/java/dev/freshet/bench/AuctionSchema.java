package dev.freshet.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's tables and views, after the auction example of the Nexmark benchmark: bids on
 * auctions, an aggregate view per auction and a join view per auction category.
 *
 * <p>Auctions are loaded before the views are created and bids after, so the views' backfill is
 * small and phase 1 measures incremental maintenance, not the first fill.
 */
final class AuctionSchema {
    /** Auction {@code id} is in category {@code id % CATEGORIES}. */
    static final int CATEGORIES = 20;

    private static final String[] DROP = {
        "DROP MATERIALIZED VIEW IF EXISTS per_category",
        "DROP MATERIALIZED VIEW IF EXISTS per_auction",
        "DROP TABLE IF EXISTS bids",
        "DROP TABLE IF EXISTS auctions",
    };

    private static final String CREATE_BIDS =
            "CREATE TABLE bids (id BIGINT PRIMARY KEY, auction BIGINT, bidder BIGINT, price BIGINT)";
    private static final String CREATE_AUCTIONS =
            "CREATE TABLE auctions (id BIGINT PRIMARY KEY, seller BIGINT, category INT)";
    private static final String CREATE_PER_AUCTION = "CREATE MATERIALIZED VIEW per_auction AS "
            + "SELECT auction, COUNT(*) AS bids, SUM(price) AS volume, MAX(price) AS top FROM bids GROUP BY auction";
    private static final String CREATE_PER_CATEGORY = "CREATE MATERIALIZED VIEW per_category AS "
            + "SELECT a.category, COUNT(*) AS bids, SUM(b.price) AS volume "
            + "FROM bids b JOIN auctions a ON b.auction = a.id GROUP BY a.category";

    private AuctionSchema() {
    }

    /**
     * Drops what an earlier run left, creates the tables, loads auctions {@code 1..auctions} and
     * creates the two views. Runs in autocommit mode.
     */
    static void create(Connection connection, int auctions, int rowsPerInsert) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String drop : DROP) {
                statement.execute(drop);
            }
            statement.execute(CREATE_BIDS);
            statement.execute(CREATE_AUCTIONS);
        }
        connection.setAutoCommit(false);
        try (MultiRowInserter inserter = new MultiRowInserter(connection, "auctions", 3, rowsPerInsert)) {
            for (long id = 1; id <= auctions; id++) {
                inserter.add(id, id * 7 % 1000, id % CATEGORIES);
            }
            inserter.executePending();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_PER_AUCTION);
            statement.execute(CREATE_PER_CATEGORY);
        }
    }

    /** How many bids {@code per_auction} counts in all. */
    static long bidsPerAuctionTotal(Connection connection) throws SQLException {
        return total(connection, "SELECT SUM(bids) FROM per_auction");
    }

    /** How many bids {@code per_category} counts in all (those on a known auction). */
    static long bidsPerCategoryTotal(Connection connection) throws SQLException {
        return total(connection, "SELECT SUM(bids) FROM per_category");
    }

    private static long total(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            if (!result.next()) {
                throw new IllegalStateException(query + " returned no row");
            }
            return result.getLong(1);
        }
    }
}
