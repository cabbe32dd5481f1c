package io.learnloop.examples.quickstart;

import io.learnloop.core.identity.UserId;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the quickstart's stages in order on a fresh embedded database and returns what each produced, so a test can
 * check the numbers the narrative prints.
 *
 * <p>Not thread-safe: run one demo per folder at a time.
 */
public final class QuickstartDemo {
    /** When the story starts: a Monday morning, so the weekly figures line up with calendar weeks. */
    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final Path folder;
    private final Narrator narrator;
    private final int weeks;
    private final int arrivalsPerWeek;

    /**
     * Creates a demo.
     *
     * @param folder where the database and the charts go; the demo clears its own {@code h2} and {@code charts}
     *               sub-folders first
     * @param out    where the narrative goes
     * @param live   whether {@code out} is a terminal (progress bars redraw in place)
     */
    public QuickstartDemo(Path folder, PrintStream out, boolean live) {
        this(folder, out, live, 8, 3);
    }

    /**
     * Creates a demo with a shorter or longer platform life.
     *
     * @param folder          where the database and the charts go
     * @param out             where the narrative goes
     * @param live            whether {@code out} is a terminal
     * @param weeks           how many weeks the platform runs after the story, at least 2
     * @param arrivalsPerWeek how many learners sign up each of those weeks
     */
    public QuickstartDemo(Path folder, PrintStream out, boolean live, int weeks, int arrivalsPerWeek) {
        if (weeks < 2 || arrivalsPerWeek < 1) {
            throw new IllegalArgumentException("the platform must run at least 2 weeks with at least 1 arrival a week");
        }
        this.folder = folder.toAbsolutePath();
        this.narrator = new Narrator(out, live);
        this.weeks = weeks;
        this.arrivalsPerWeek = arrivalsPerWeek;
    }

    /**
     * Runs every stage.
     *
     * @return what each stage produced
     */
    public QuickstartReport run() {
        clear(folder.resolve("h2"));
        clear(folder.resolve("charts"));
        long started = System.nanoTime();
        narrator.say("Learnloop quickstart: the whole loop on the embedded H2 store in %s", folder.resolve("h2"));
        try (DemoPlatform platform = DemoPlatform.open(folder, START)) {
            CatalogStage.Result catalog = new CatalogStage(platform, narrator).run();
            RevenueBooks books = platform.books();
            SandboxCheckout checkout = new SandboxCheckout(platform);
            CommerceStage.Result commerce = new CommerceStage(platform, narrator, checkout, books).run(catalog);
            LearningStage.Result learning = new LearningStage(platform, narrator).run(catalog);
            CommunityStage.Result community = new CommunityStage(platform, narrator).run(catalog);
            PlatformLifeStage.Result life = new PlatformLifeStage(platform, narrator, checkout, books, weeks, arrivalsPerWeek)
                    .run(catalog, commerce, community);
            Cast cast = platform.cast();
            RecommendStage.Result recommend = new RecommendStage(platform, narrator)
                    .run(List.of(cast.liMing().id(), cast.emma().id(), cast.zhangWei().id(), new UserId("chen.jing")));
            RefundStage.Result refund = new RefundStage(platform, narrator, checkout).run(catalog, commerce, learning);
            GrowthStage.Result growth = new GrowthStage(platform, narrator).run(weeks + 1);
            long millis = (System.nanoTime() - started) / 1_000_000;
            narrator.say("");
            narrator.say("The whole loop ran in %.1f s:", millis / 1000.0);
            narrator.timings();
            narrator.say("Database: %s (rebuilt on every run)", folder.resolve("h2"));
            narrator.say("Charts and data: %s", growth.charts());
            return new QuickstartReport(folder, catalog, commerce, learning, community, life, recommend, refund, growth, millis);
        }
    }

    private static void clear(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir + " (is another demo using it?)", e);
        }
    }
}
