package dev.freshet.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.freshet.tests.differential.DmlStatement.Parameter;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmlStatementTest {
    @Test
    void shouldRenderParametersAsSqlLiterals() {
        DmlStatement statement = DmlStatement.of("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", Parameter.integer(-3),
                Parameter.varchar("it's"), Parameter.decimal(new BigDecimal("-0.50")), Parameter.bool(false),
                Parameter.bigint(3_000_000_000L), Parameter.varchar(null));

        assertThat(statement.render()).isEqualTo("INSERT INTO t VALUES (-3, 'it''s', -0.50, FALSE, 3000000000, NULL)");
    }

    @Test
    void shouldRenderTimestampsToTheMillisecond() {
        DmlStatement statement = DmlStatement.of("INSERT INTO t VALUES (?, ?, ?)",
                Parameter.timestamp(LocalDateTime.parse("1969-12-31T23:59:58.5")),
                Parameter.timestamp(LocalDateTime.parse("2024-02-29T08:00")), Parameter.timestamp(null));

        assertThat(statement.render()).isEqualTo("INSERT INTO t VALUES (TIMESTAMP '1969-12-31 23:59:58.500', "
                + "TIMESTAMP '2024-02-29 08:00:00.000', NULL)");
    }

    @Test
    void shouldRefuseAStatementWhosePlaceholdersAndParametersDisagree() {
        assertThatThrownBy(() -> DmlStatement.of("DELETE FROM t WHERE id = ? OR id = ?", Parameter.integer(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 placeholders for 1 parameters");
    }

    @Test
    void shouldSayATransactionEmptiesATableOnlyWhenADeleteWithoutWhereCommits() {
        DmlStatement deleteAll = DmlStatement.of("DELETE FROM t3");
        DmlStatement deleteSome = DmlStatement.of("DELETE FROM t3 WHERE k = ?", Parameter.integer(1));

        assertThat(new DmlTransaction(1, List.of(deleteSome, deleteAll), DmlTransaction.Ending.COMMIT).emptiesTable())
                .isTrue();
        assertThat(new DmlTransaction(2, List.of(deleteAll), DmlTransaction.Ending.ROLLBACK).emptiesTable()).isFalse();
        assertThat(new DmlTransaction(3, List.of(deleteSome), DmlTransaction.Ending.AUTOCOMMIT).emptiesTable())
                .isFalse();
    }

    @Test
    void shouldWriteATransactionAsTheScriptAClientWouldType() {
        DmlTransaction transaction = new DmlTransaction(7, List.of(DmlStatement.of("DELETE FROM t1")),
                DmlTransaction.Ending.ROLLBACK);

        assertThat(transaction.script()).isEqualTo("-- transaction 7 (ROLLBACK)\nBEGIN;\nDELETE FROM t1;\nROLLBACK;\n");
    }
}
