package io.learnloop.examples.quickstart;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints the demo's story: numbered stages, what happened, and a progress bar for the long steps.
 *
 * <p>Not thread-safe: one stage talks at a time.
 */
public final class Narrator {
    private static final int BAR = 30;
    private final PrintStream out;
    private final boolean live;
    private int stage;
    private final java.util.List<String> titles = new java.util.ArrayList<>();
    private final java.util.List<Long> starts = new java.util.ArrayList<>();

    /**
     * Creates a narrator.
     *
     * @param out  where to print
     * @param live whether the output is a terminal that can redraw a line (else the bar prints at each quarter)
     */
    public Narrator(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    /**
     * Starts the next stage.
     *
     * @param title the stage's title
     */
    public void stage(String title) {
        stage++;
        titles.add(title);
        starts.add(System.nanoTime());
        out.println();
        out.println(String.format(Locale.ROOT, "== %d. %s ==", stage, title));
    }

    /**
     * Says how long each stage so far took (the last one up to now).
     */
    public void timings() {
        long now = System.nanoTime();
        for (int i = 0; i < titles.size(); i++) {
            long end = i + 1 < starts.size() ? starts.get(i + 1) : now;
            detail("%d. %-68s %6.1f s", i + 1, titles.get(i), (end - starts.get(i)) / 1e9);
        }
    }

    /**
     * Says one thing.
     *
     * @param format a {@link String#format} pattern
     * @param args   its arguments
     */
    public void say(String format, Object... args) {
        out.println("   " + String.format(Locale.ROOT, format, args));
    }

    /**
     * Says a detail, indented under the last line.
     *
     * @param format a {@link String#format} pattern
     * @param args   its arguments
     */
    public void detail(String format, Object... args) {
        out.println("     - " + String.format(Locale.ROOT, format, args));
    }

    /**
     * Pads text to a display width, counting CJK characters as two columns, so tables of Chinese and English titles
     * line up.
     *
     * @param text  the text
     * @param width the width in columns
     * @return the padded text
     */
    public static String pad(String text, int width) {
        int columns = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            columns += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return columns >= width ? text : text + " ".repeat(width - columns);
    }

    private static boolean wide(int cp) {
        Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
        return b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS || b == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || b == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A;
    }

    /**
     * Starts a progress bar.
     *
     * @param label what is being done
     * @param total how many steps
     * @return the bar
     */
    public Progress progress(String label, int total) {
        return new Progress(label, Math.max(1, total));
    }

    /** A progress bar for one long step. Not thread-safe. */
    public final class Progress {
        private final String label;
        private final int total;
        private int done;
        private int lastQuarter;

        private Progress(String label, int total) {
            this.label = label;
            this.total = total;
            draw();
        }

        /**
         * Marks one step done.
         */
        public void step() {
            done = Math.min(total, done + 1);
            draw();
        }

        private void draw() {
            int quarter = done * 4 / total;
            if (!live && done > 0 && quarter == lastQuarter && done < total) {
                return;
            }
            lastQuarter = quarter;
            int filled = done * BAR / total;
            String line = String.format(Locale.ROOT, "   %s [%s%s] %3d%% (%d/%d)", label, "#".repeat(filled),
                    ".".repeat(BAR - filled), done * 100 / total, done, total);
            if (live) {
                out.print("\r" + line);
                if (done == total) {
                    out.println();
                }
            } else if (done == 0 || quarter > 0) {
                out.println(line);
            }
            out.flush();
        }
    }
}
