package io.learnloop.core.testing;

import org.opentest4j.TestAbortedException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A committed Node.js project (package.json, package-lock.json and sources) copied to a folder under
 * {@code target}, where {@code npm ci} installs the locked packages once; later runs reuse them while the lock file is
 * unchanged.
 *
 * <p>Without {@code node} or {@code npm}, or when npm cannot install the packages, the tests that need it are
 * skipped, unless the environment variable {@code LEARNLOOP_REQUIRE_NODE} (or the system property
 * {@code learnloop.requireNode}) is {@code true}: then they fail, saying what to install, so CI cannot pass without
 * having run them. The same rule as sdk-core's ts-fsrs oracle. Shared through sdk-core's test jar by every module
 * whose tests run a Node.js project.
 */
public final class NodeProject {
    private static final String REQUIRE_ENV = "LEARNLOOP_REQUIRE_NODE";
    private static final String REQUIRE_PROPERTY = "learnloop.requireNode";
    private static final long INSTALL_SECONDS = 600;
    private static final String LOCK = "package-lock.json";

    private final Path node;
    private final Path dir;

    private NodeProject(Path node, Path dir) {
        this.node = node;
        this.dir = dir;
    }

    /**
     * Copies the project's committed files over the work folder and installs its packages when they are missing or
     * the lock file changed.
     *
     * @param source the committed project
     * @param work   the folder under {@code target}
     * @return the installed project
     * @throws TestAbortedException  if Node.js or the packages are unavailable and the tests may be skipped
     * @throws IllegalStateException if they are unavailable and required
     */
    public static NodeProject install(Path source, Path work) {
        Optional<Path> node = find("node");
        Optional<Path> npm = find("npm");
        if (node.isEmpty() || npm.isEmpty()) {
            throw unavailable("no node and npm on the PATH; install them with: apt-get install nodejs npm");
        }
        Path dir = work.toAbsolutePath();
        try {
            Path installedLock = dir.resolve("node_modules/.installed-" + LOCK);
            boolean current = Files.exists(installedLock)
                    && Files.mismatch(installedLock, source.resolve(LOCK)) == -1;
            clean(dir);
            copyTree(source, dir);
            if (!current) {
                Result ci = run(dir, INSTALL_SECONDS, npm.get().toString(), "ci", "--prefer-offline", "--no-audit",
                        "--no-fund", "--ignore-scripts", "--fetch-retries=1", "--fetch-timeout=60000",
                        "--loglevel=error");
                if (ci.exit() != 0) {
                    throw unavailable("npm ci could not install the packages into " + dir + " (exit " + ci.exit()
                            + "): " + ci.output().strip());
                }
                Files.copy(source.resolve(LOCK), installedLock, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw unavailable("could not prepare " + dir + ": " + e.getMessage());
        }
        return new NodeProject(node.get(), dir);
    }

    /**
     * The project's folder.
     *
     * @return the work folder
     */
    public Path dir() {
        return dir;
    }

    /**
     * Runs a script of an installed package or of the project under Node.js, in the project's folder.
     *
     * @param seconds how long it may take
     * @param script  the script, relative to the project's folder
     * @param args    its arguments
     * @return its exit code and output (standard output and error together)
     */
    public Result node(long seconds, String script, String... args) {
        List<String> command = new ArrayList<>(List.of(node.toString(), script));
        command.addAll(List.of(args));
        return run(dir, seconds, command.toArray(String[]::new));
    }

    /**
     * Starts a long-running script (a server) under Node.js in the project's folder and waits until it prints a line
     * equal to {@code ready}. Its output goes on being drained so that it never blocks on a full pipe.
     *
     * @param env     variables added to the environment
     * @param seconds how long it may take to get ready
     * @param ready   the line it prints once it serves
     * @param script  the script, relative to the project's folder
     * @return the running process; the caller stops it
     * @throws IllegalStateException if it exits or is not ready in time, with what it printed
     */
    public Process serve(java.util.Map<String, String> env, long seconds, String ready, String script) {
        ProcessBuilder pb = new ProcessBuilder(node.toString(), script).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + script + ": " + e.getMessage(), e);
        }
        StringBuffer output = new StringBuffer();
        java.util.concurrent.CompletableFuture<Boolean> up = new java.util.concurrent.CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.equals(ready)) {
                        up.complete(true);
                    }
                }
            } catch (IOException e) {
                output.append(e.getMessage());
            }
            up.complete(false);
        }, "node-" + script);
        drain.setDaemon(true);
        drain.start();
        boolean started;
        try {
            started = up.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            started = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started = false;
        }
        if (!started) {
            p.destroyForcibly();
            throw new IllegalStateException(script + " did not get ready within " + seconds + " s: " + output);
        }
        return p;
    }

    /**
     * A finished process.
     *
     * @param exit   its exit code, -1 when it could not run or took too long
     * @param output what it printed
     */
    public record Result(int exit, String output) {
    }

    /** Everything but the installed packages goes, so no file deleted from the project or generated before stays. */
    private static void clean(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> stale;
        try (Stream<Path> files = Files.walk(dir)) {
            stale = files.filter(f -> !f.equals(dir) && !f.startsWith(dir.resolve("node_modules")))
                    .sorted(Comparator.reverseOrder()).toList();
        }
        for (Path f : stale) {
            Files.delete(f);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static RuntimeException unavailable(String why) {
        if (Boolean.parseBoolean(System.getenv(REQUIRE_ENV)) || Boolean.getBoolean(REQUIRE_PROPERTY)) {
            return new IllegalStateException("The Node.js tests are required (" + REQUIRE_ENV + "=true) but " + why);
        }
        return new TestAbortedException("Skipped: " + why + " (set " + REQUIRE_ENV + "=true to fail instead)");
    }

    private static Result run(Path dir, long seconds, String... command) {
        try {
            Path log = Files.createTempFile("node-project", ".log");
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
