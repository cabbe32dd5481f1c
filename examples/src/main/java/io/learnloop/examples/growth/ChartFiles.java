package io.learnloop.examples.growth;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a chart as PNG and SVG and gives every chart the same look.
 */
public final class ChartFiles {
    /** Chart width in pixels. */
    public static final int WIDTH = 900;
    /** Chart height in pixels. */
    public static final int HEIGHT = 520;

    private ChartFiles() {
    }

    /**
     * Applies the shared style.
     *
     * @param styler the chart's styler
     */
    public static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        // Growth curves rise to the right, so the legend sits where they start.
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setLegendBorderColor(new Color(0xDDDDDD));
        styler.setAntiAlias(true);
    }

    /**
     * Saves {@code name.png} and {@code name.svg} in {@code dir}.
     *
     * @param chart the chart
     * @param dir   the directory, created if missing
     * @param name  the file name without extension
     */
    public static void save(Chart<?, ?> chart, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            BitmapEncoder.saveBitmap(chart, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(name + ".svg").toString(),
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write chart " + name + " to " + dir, e);
        }
    }
}
