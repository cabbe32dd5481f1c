package io.learnloop.jdbc;

import org.opentest4j.TestAbortedException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A throwaway MariaDB server for the tests: the server binaries installed on the machine (Debian's
 * {@code mariadb-server}, which {@code .ci/run} installs), a fresh data directory under the temporary folder, a free
 * port on 127.0.0.1, and user {@code root} without a password. It is started once per test JVM and stopped, with its
 * data directory deleted, when the JVM exits.
 *
 * <p>Without the binaries the MariaDB tests are skipped, unless the environment variable
 * {@code LEARNLOOP_REQUIRE_MARIADB} (or the system property {@code learnloop.requireMariadb}) is {@code true}: then
 * they fail, saying what to install, so CI cannot pass without having run them.
 */
final class MariaDbServer {
    private static final String REQUIRE_ENV = "LEARNLOOP_REQUIRE_MARIADB";
    private static final String REQUIRE_PROPERTY = "learnloop.requireMariadb";
    private static final List<String> SEARCH = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin",
            "/usr/local/mysql/bin");
    private static final long START_SECONDS = 120;

    private static MariaDbServer started;
    private static RuntimeException failedToStart;

    private final int port;

    private MariaDbServer(int port) {
        this.port = port;
    }

    /**
     * The server, started on first use.
     *
     * @return the running server
     * @throws TestAbortedException  if the binaries are missing and the tests may be skipped
     * @throws IllegalStateException if they are missing and required, or the server did not start
     */
    static synchronized MariaDbServer get() {
        if (started != null) {
            return started;
        }
        if (failedToStart != null) {
            throw failedToStart;
        }
        Optional<Path> server = find("mariadbd", "mysqld");
        Optional<Path> installer = find("mariadb-install-db", "mysql_install_db");
        if (server.isEmpty() || installer.isEmpty()) {
            String missing = "no MariaDB server binaries (mariadbd and mariadb-install-db) on the PATH or in " + SEARCH
                    + "; install them with: apt-get install mariadb-server";
            if (required()) {
                failedToStart = new IllegalStateException("The MariaDB tests are required (" + REQUIRE_ENV
                        + "=true) but there are " + missing);
                throw failedToStart;
            }
            throw new TestAbortedException("Skipped: " + missing + " (set " + REQUIRE_ENV
                    + "=true to fail instead)");
        }
        try {
            started = start(server.get(), installer.get());
            return started;
        } catch (IOException | RuntimeException e) {
            failedToStart = new IllegalStateException("The MariaDB test server did not start: " + e.getMessage(), e);
            throw failedToStart;
        }
    }

    /**
     * The JDBC URL of a database on this server, through MariaDB Connector/J.
     *
     * @param database the database name
     * @return the URL
     */
    String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    private static boolean required() {
        return Boolean.parseBoolean(System.getenv(REQUIRE_ENV)) || Boolean.getBoolean(REQUIRE_PROPERTY);
    }

    private static Optional<Path> find(String... names) {
        List<Path> folders = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String p : path.split(java.io.File.pathSeparator)) {
                if (!p.isEmpty()) {
                    folders.add(Path.of(p));
                }
            }
        }
        SEARCH.forEach(p -> folders.add(Path.of(p)));
        for (String name : names) {
            for (Path folder : folders) {
                Path candidate = folder.resolve(name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static MariaDbServer start(Path serverBinary, Path installer) throws IOException {
        Path home = Files.createTempDirectory("learnloop-mariadb");
        Path data = home.resolve("data");
        boolean root = "root".equals(System.getProperty("user.name"));
        // --no-defaults: nothing from the machine's /etc/mysql applies; small redo log and pool: a quick, small start.
        List<String> common = new ArrayList<>(List.of("--no-defaults", "--datadir=" + data,
                "--innodb-log-file-size=16M", "--innodb-buffer-pool-size=128M"));
        if (root) {
            common.add("--user=root");
        }
        List<String> install = new ArrayList<>(List.of(installer.toString()));
        install.addAll(common);
        install.addAll(List.of("--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve"));
        Process installing = new ProcessBuilder(install).redirectErrorStream(true)
                .redirectOutput(home.resolve("install.log").toFile()).start();
        try {
            if (!installing.waitFor(START_SECONDS, TimeUnit.SECONDS) || installing.exitValue() != 0) {
                installing.destroyForcibly();
                throw new IllegalStateException(installer + " failed; see " + home.resolve("install.log") + ":\n"
                        + Files.readString(home.resolve("install.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing the data directory", e);
        }

        int port = freePort();
        List<String> command = new ArrayList<>(List.of(serverBinary.toString()));
        command.addAll(common);
        command.addAll(List.of("--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve",
                "--socket=" + home.resolve("mysqld.sock"), "--pid-file=" + home.resolve("mysqld.pid"),
                "--max-connections=500", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin",
                // not UTC, so a timestamp that some driver or statement shifted by the zone would show
                "--default-time-zone=+05:30",
                // durability is not under test: no fsync per commit, no doublewrite
                "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--skip-log-bin"));
        // The server logs to stderr; a reader thread keeps the pipe drained and says when it is ready (no polling).
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, home)));
        awaitReady(process);
        return new MariaDbServer(port);
    }

    /** Reads the server's output until it says it is ready for connections, or the process ends. */
    private static void awaitReady(Process process) {
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        StringBuffer log = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!ready.isDone()) {
                        log.append(line).append('\n');
                        if (line.toLowerCase(Locale.ROOT).contains("ready for connections")) {
                            ready.complete(true);
                        }
                    }
                }
                ready.complete(false);
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "mariadbd-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.get(START_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("mariadbd exited before it was ready; its output:\n" + log);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("mariadbd was not ready after " + START_SECONDS + " s; its output:\n"
                    + log, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading mariadbd's output failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for mariadbd", e);
        }
    }

    private static void stop(Process process, Path home) {
        // The data is thrown away, so there is nothing to flush: end it at once.
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // the temporary folder is the system's to clean
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
