package io.learnloop.examples;

import io.learnloop.examples.quickstart.QuickstartDemo;

import java.nio.file.Path;

/**
 * The README demo: the whole knowledge-commerce loop on the embedded H2 store, told stage by stage. The database and
 * the growth charts go to the folder given as the first argument (default {@code target/learnloop-demo}).
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl examples exec:java
 * </pre>
 */
public final class Quickstart {
    private Quickstart() {
    }

    /**
     * Runs the demo.
     *
     * @param args optional folder for the database and the charts
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Path folder = Path.of(args.length > 0 ? args[0] : "target/learnloop-demo");
        new QuickstartDemo(folder, System.out, System.console() != null).run();
    }
}
