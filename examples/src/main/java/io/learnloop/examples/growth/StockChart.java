package io.learnloop.examples.growth;

import io.learnloop.growth.Stock;
import io.learnloop.growth.Trajectory;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.List;

/**
 * Stocks over time: the population stocks in thousands of people, against years.
 */
public final class StockChart {
    private StockChart() {
    }

    /**
     * Builds the chart.
     *
     * @param run    the simulation
     * @param title  the chart title
     * @param stocks the stocks to draw
     * @param scale  divisor for the y values (for example 1,000 for thousands)
     * @param yTitle the y axis title
     * @return the chart
     */
    public static XYChart of(Trajectory run, String title, List<Stock> stocks, double scale, String yTitle) {
        XYChart chart = new XYChartBuilder().width(ChartFiles.WIDTH).height(ChartFiles.HEIGHT).title(title)
                .xAxisTitle("years").yAxisTitle(yTitle).build();
        ChartFiles.style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        double[] days = run.days();
        double[] years = YearGrid.years(days);
        for (Stock s : stocks) {
            double[] y = YearGrid.resample(days, run.series(s), years, scale);
            XYSeries series = chart.addSeries(ChartLabels.of(s), years, y);
            series.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
