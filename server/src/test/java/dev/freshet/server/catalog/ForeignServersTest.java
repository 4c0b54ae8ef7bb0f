package dev.freshet.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ForeignServersTest {
    @Test
    void shouldWriteOptionsAsATextArrayQuotingWhereNeeded() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("topic", "bids");
        options.put("format", "csv, strict");
        assertThat(ForeignServers.optionsArray(options)).isEqualTo("{topic=bids,\"format=csv, strict\"}");
    }

    @Test
    void shouldReadTheOptionsBackAsNamesAndValues() {
        List<Object[]> rows = ForeignServers.parseOptions("{topic=bids,\"format=csv, strict\"}");
        assertThat(rows).extracting(row -> row[0] + ":" + row[1]).containsExactly("topic:bids", "format:csv, strict");
        assertThat(ForeignServers.parseOptions(null)).isEmpty();
        assertThat(ForeignServers.parseOptions("{}")).isEmpty();
    }

    @Test
    void shouldTakeOptionsNamingSecretsForSecrets() {
        assertThat(ForeignServers.isSecret("properties.sasl.jaas.config")).isTrue();
        assertThat(ForeignServers.isSecret("properties.ssl.key.password")).isTrue();
        assertThat(ForeignServers.isSecret("topic")).isFalse();
    }
}
