package io.learnloop.examples.growth;

import io.learnloop.growth.Band;
import io.learnloop.growth.MonteCarloResult;
import io.learnloop.growth.Stock;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;

/**
 * Monte Carlo bands of one stock: the median, the 25-75% band and the 5-95% band over time.
 */
public final class BandChart {
    private BandChart() {
    }

    /**
     * Builds the chart.
     *
     * @param result the Monte Carlo result
     * @param stock  the stock
     * @param scale  divisor for the y values
     * @param yTitle the y axis title
     * @return the chart
     */
    public static XYChart of(MonteCarloResult result, Stock stock, double scale, String yTitle) {
        XYChart chart = new XYChartBuilder().width(ChartFiles.WIDTH).height(ChartFiles.HEIGHT)
                .title("Monte Carlo bands of " + ChartLabels.of(stock) + " (" + result.runs() + " runs, seed " + result.seed() + ")")
                .xAxisTitle("years").yAxisTitle(yTitle).build();
        ChartFiles.style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        double[] days = result.days();
        double[] years = YearGrid.years(days);
        Band band = result.band(stock);
        Color outer = new Color(0x9ECAE1);
        Color inner = new Color(0x3182BD);
        line(chart, "95th percentile", days, years, band.percentile(95), scale, outer, 1.5f, true);
        line(chart, "75th percentile", days, years, band.percentile(75), scale, inner, 1.5f, true);
        line(chart, "median", days, years, band.percentile(50), scale, new Color(0x08306B), 3f, false);
        line(chart, "25th percentile", days, years, band.percentile(25), scale, inner, 1.5f, true);
        line(chart, "5th percentile", days, years, band.percentile(5), scale, outer, 1.5f, true);
        return chart;
    }

    private static void line(XYChart chart, String name, double[] days, double[] years, double[] y, double scale,
                             Color color, float width, boolean dashed) {
        XYSeries s = chart.addSeries(name, years, YearGrid.resample(days, y, years, scale));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(dashed
                ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{6f, 4f}, 0f)
                : new BasicStroke(width));
    }
}
