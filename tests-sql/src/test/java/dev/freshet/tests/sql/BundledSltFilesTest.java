package dev.freshet.tests.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The acceptance files must at least be well-formed, even before a server can pass them. */
class BundledSltFilesTest {
    @Test
    void shouldParseEveryBundledFile() {
        Path root = SltFiles.root();
        List<Path> files = SltFiles.find(root, "**");

        assertThat(files).isNotEmpty();
        long records = 0;
        for (Path file : files) {
            SltFile parsed = SltFiles.parse(root, file);
            assertThat(parsed.testRecordCount()).as(parsed.name()).isPositive();
            records += parsed.testRecordCount();
        }
        assertThat(records).isGreaterThanOrEqualTo(150);
    }

    @Test
    void shouldSelectFilesByGlob() {
        Path root = SltFiles.root();

        assertThat(SltFiles.find(root, "persistence/*"))
                .isNotEmpty()
                .allSatisfy(file -> assertThat(SltFiles.name(root, file)).startsWith("persistence/"));
    }
}
