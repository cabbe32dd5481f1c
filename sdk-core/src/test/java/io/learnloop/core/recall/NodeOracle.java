package io.learnloop.core.recall;

import org.opentest4j.TestAbortedException;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The reference implementation ts-fsrs, run by Node.js: the committed script and package manifest under
 * {@code src/test/node/fsrs-oracle} are copied to {@code target/fsrs-oracle}, where {@code npm install} fetches the
 * pinned ts-fsrs version once (from the npm cache when it is there).
 *
 * <p>Without {@code node} or {@code npm}, or when npm cannot fetch the package, the oracle tests are skipped, unless
 * the environment variable {@code LEARNLOOP_REQUIRE_NODE} (or the system property {@code learnloop.requireNode}) is
 * {@code true}: then they fail, saying what to install, so CI cannot pass without having run them.
 */
final class NodeOracle {
    private static final String REQUIRE_ENV = "LEARNLOOP_REQUIRE_NODE";
    private static final String REQUIRE_PROPERTY = "learnloop.requireNode";
    private static final Path SOURCE = Path.of("src", "test", "node", "fsrs-oracle");
    private static final Path WORK = Path.of("target", "fsrs-oracle");
    private static final long INSTALL_SECONDS = 300;
    private static final long RUN_SECONDS = 120;

    private static NodeOracle ready;

    private final Path node;
    private final Path dir;

    private NodeOracle(Path node, Path dir) {
        this.node = node;
        this.dir = dir;
    }

    /**
     * The oracle, installed on first use.
     *
     * @return the oracle
     * @throws TestAbortedException  if Node.js or the package is unavailable and the tests may be skipped
     * @throws IllegalStateException if they are unavailable and required
     */
    static synchronized NodeOracle get() {
        if (ready != null) {
            return ready;
        }
        Optional<Path> node = find("node");
        Optional<Path> npm = find("npm");
        if (node.isEmpty() || npm.isEmpty()) {
            unavailable("no node and npm on the PATH; install them with: apt-get install nodejs npm");
        }
        Path dir = WORK.toAbsolutePath();
        try {
            Files.createDirectories(dir);
            for (String file : List.of("package.json", "oracle.cjs")) {
                Files.copy(SOURCE.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!Files.exists(dir.resolve("node_modules/ts-fsrs/package.json"))) {
                Result install = run(dir, INSTALL_SECONDS, npm.get().toString(), "install", "--no-package-lock",
                        "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--fetch-retries=1",
                        "--fetch-timeout=60000", "--loglevel=error");
                if (install.exit != 0) {
                    unavailable("npm could not install ts-fsrs into " + dir + " (exit " + install.exit + "): "
                            + install.output.strip());
                }
            }
        } catch (IOException e) {
            unavailable("could not prepare " + dir + ": " + e.getMessage());
        }
        ready = new NodeOracle(node.get(), dir);
        return ready;
    }

    /**
     * Runs the script on an input file.
     *
     * @param input  the review logs
     * @param output where the script writes the cards
     */
    void replay(Path input, Path output) {
        Result result = run(dir, RUN_SECONDS, node.toString(), "oracle.cjs", input.toString(), output.toString());
        if (result.exit != 0) {
            throw new IllegalStateException("the ts-fsrs script failed (exit " + result.exit + "): " + result.output);
        }
    }

    private static void unavailable(String why) {
        if (Boolean.parseBoolean(System.getenv(REQUIRE_ENV)) || Boolean.getBoolean(REQUIRE_PROPERTY)) {
            throw new IllegalStateException("The ts-fsrs oracle tests are required (" + REQUIRE_ENV + "=true) but "
                    + why);
        }
        throw new TestAbortedException("Skipped: " + why + " (set " + REQUIRE_ENV + "=true to fail instead)");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, long seconds, String... command) {
        try {
            Path log = Files.createTempFile("fsrs-oracle", ".log");
            try {
                Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, String.join(" ", command) + " took more than " + seconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static Optional<Path> find(String name) {
        List<Path> folders = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String p : path.split(File.pathSeparator)) {
                if (!p.isEmpty()) {
                    folders.add(Path.of(p));
                }
            }
        }
        folders.add(Path.of("/usr/bin"));
        folders.add(Path.of("/usr/local/bin"));
        return folders.stream().map(f -> f.resolve(name)).filter(Files::isExecutable).findFirst();
    }
}
