package dev.freshet.tests.sql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The {@code .slt} files bundled as test resources under {@code slt/}. */
final class SltFiles {
    private SltFiles() {
    }

    /** The {@code slt} folder on the test classpath. */
    static Path root() {
        URL url = SltFiles.class.getClassLoader().getResource("slt");
        requireNonNull(url, "no slt folder on the test classpath (tests-sql/src/test/resources/slt)");
        try {
            return Path.of(url.toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException("unexpected resource URL " + url, e);
        }
    }

    /**
     * The files under the root whose relative path matches the glob (e.g. {@code persistence/*},
     * {@code **} for all), sorted by path.
     */
    static List<Path> find(Path root, String glob) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> path.toString().endsWith(".slt"))
                    .filter(path -> matcher.matches(root.relativize(path)))
                    .sorted()
                    .collect(Collectors.toList());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** Reads and parses one file, named by its path relative to the root (with {@code /}). */
    static SltFile parse(Path root, Path file) {
        try {
            return SltParser.parse(name(root, file), Files.readString(file, UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String name(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
