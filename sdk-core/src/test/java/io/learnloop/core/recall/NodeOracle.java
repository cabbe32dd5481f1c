package io.learnloop.core.recall;

import io.learnloop.core.testing.NodeProject;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;

/**
 * The reference implementation ts-fsrs, run by Node.js: the committed script, package manifest and lock file under
 * {@code src/test/node/fsrs-oracle} are installed into {@code target/fsrs-oracle} by {@link NodeProject} (the pinned
 * ts-fsrs version, once, from the npm cache when it is there).
 *
 * <p>Without {@code node} or {@code npm}, or when npm cannot fetch the package, the oracle tests are skipped, unless
 * the environment variable {@code LEARNLOOP_REQUIRE_NODE} (or the system property {@code learnloop.requireNode}) is
 * {@code true}: then they fail, saying what to install, so CI cannot pass without having run them.
 */
final class NodeOracle {
    private static final Path SOURCE = Path.of("src", "test", "node", "fsrs-oracle");
    private static final Path WORK = Path.of("target", "fsrs-oracle");
    private static final long RUN_SECONDS = 120;

    private static NodeOracle ready;

    private final NodeProject project;

    private NodeOracle(NodeProject project) {
        this.project = project;
    }

    /**
     * The oracle, installed on first use.
     *
     * @return the oracle
     * @throws TestAbortedException  if Node.js or the package is unavailable and the tests may be skipped
     * @throws IllegalStateException if they are unavailable and required
     */
    static synchronized NodeOracle get() {
        if (ready == null) {
            ready = new NodeOracle(NodeProject.install(SOURCE, WORK));
        }
        return ready;
    }

    /**
     * Runs the script on an input file.
     *
     * @param input  the review logs
     * @param output where the script writes the cards
     */
    void replay(Path input, Path output) {
        NodeProject.Result result = project.node(RUN_SECONDS, "oracle.cjs", input.toString(), output.toString());
        if (result.exit() != 0) {
            throw new IllegalStateException("the ts-fsrs script failed (exit " + result.exit() + "): "
                    + result.output());
        }
    }
}
