package dev.freshet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CloseableIteratorTest {
    @Test
    void shouldRunTheOnCloseActionOnceAfterTheIteratorClosed() {
        AtomicInteger actions = new AtomicInteger();
        CloseableIterator<Object> rows = CloseableIterator.empty().onClose(actions::incrementAndGet);
        assertThat(rows.hasNext()).isFalse();
        rows.close();
        rows.close();
        assertThat(actions).hasValue(1);
    }
}
