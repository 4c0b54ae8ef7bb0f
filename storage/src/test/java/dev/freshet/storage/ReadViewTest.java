package dev.freshet.storage;

import static dev.freshet.storage.Bytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadViewTest extends AbstractKvReaderTest {
    @Override
    KvReader openReader(StorageEngine engine) {
        return engine.openReadView();
    }

    @Override
    void closeReader(KvReader reader) {
        ((ReadView) reader).close();
    }

    @Test
    void shouldCloseItsOpenIteratorsWhenClosed() {
        ReadView view = engine.openReadView();
        KvIterator iterator = view.scan(10, null, null);
        view.close();
        assertThatThrownBy(iterator::next).isInstanceOf(IllegalStateException.class);
        iterator.close();
    }

    @Test
    void shouldRefuseReadsAfterItIsClosed() {
        ReadView view = engine.openReadView();
        view.close();
        view.close();
        assertThatThrownBy(() -> view.get(10, bytes("a"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldBeClosedByTheEngine() {
        ReadView view = engine.openReadView();
        engine.close();
        assertThatThrownBy(() -> view.get(10, bytes("a"))).isInstanceOf(StorageException.class)
                .hasMessageContaining("closed");
        view.close();
        assertThat(engine.directory()).isEqualTo(directory);
    }
}
