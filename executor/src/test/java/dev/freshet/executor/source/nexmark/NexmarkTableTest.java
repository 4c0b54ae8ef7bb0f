package dev.freshet.executor.source.nexmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/** The tables carry RisingWave's snake_case columns, and the option value names them. */
class NexmarkTableTest {
    @Test
    void shouldDeclareRisingWavesColumnsInOrder() {
        assertThat(NexmarkTable.PERSON.columns()).extracting(ColumnDescriptor::name).containsExactly(
                "id", "name", "email_address", "credit_card", "city", "state", "date_time", "extra");
        assertThat(NexmarkTable.AUCTION.columns()).extracting(ColumnDescriptor::name).containsExactly(
                "id", "item_name", "description", "initial_bid", "reserve", "date_time", "expires", "seller",
                "category", "extra");
        assertThat(NexmarkTable.BID.columns()).extracting(ColumnDescriptor::name).containsExactly(
                "auction", "bidder", "price", "channel", "url", "date_time", "extra");
    }

    @Test
    void shouldTypeTimesAsTimestampAndNumbersAsBigint() {
        assertThat(NexmarkTable.BID.columns()).extracting(column -> column.type().kind()).containsExactly(
                DataType.Kind.BIGINT, DataType.Kind.BIGINT, DataType.Kind.BIGINT, DataType.Kind.VARCHAR,
                DataType.Kind.VARCHAR, DataType.Kind.TIMESTAMP, DataType.Kind.VARCHAR);
        assertThat(NexmarkTable.AUCTION.columns()).allMatch(column -> !column.nullable());
    }

    @Test
    void shouldFindATableByItsOptionValueInAnyCase() {
        assertThat(NexmarkTable.fromName("bid")).isEqualTo(NexmarkTable.BID);
        assertThat(NexmarkTable.fromName("Auction")).isEqualTo(NexmarkTable.AUCTION);
        assertThat(NexmarkTable.PERSON.tableName()).isEqualTo("person");
    }

    @Test
    void shouldRefuseAnUnknownTableNamingTheValidOnes() {
        assertThatThrownBy(() -> NexmarkTable.fromName("bids"))
                .isInstanceOf(FreshetException.class)
                .hasMessage("nexmark.table must be 'person', 'auction' or 'bid', not 'bids'");
    }
}
