package io.learnloop.examples.growth;

import io.learnloop.growth.LoopAnalysis;
import io.learnloop.growth.Trajectory;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;

/**
 * The loop gain along a simulation, with the labelled break-even line at 1: above it each cycle brings back more than
 * it started with.
 */
public final class GainChart {
    /** The legend entry of the threshold line. */
    public static final String THRESHOLD_LABEL = "break-even: gain 1.0 (above it the loop amplifies)";

    private GainChart() {
    }

    /**
     * Builds the chart.
     *
     * @param run   the simulation
     * @return the chart
     */
    public static XYChart of(Trajectory run) {
        double[] days = run.days();
        double[] gainAtDay = new double[days.length];
        for (int i = 0; i < days.length; i++) {
            gainAtDay[i] = LoopAnalysis.at(run.model().parameters(), run.state(i)).gain();
        }
        double[] years = YearGrid.years(days);
        double[] gain = YearGrid.resample(days, gainAtDay, years, 1);
        XYChart chart = new XYChartBuilder().width(ChartFiles.WIDTH).height(ChartFiles.HEIGHT)
                .title("Word-of-mouth loop gain as the market fills").xAxisTitle("years").yAxisTitle("loop gain").build();
        ChartFiles.style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setYAxisDecimalPattern("0.00");
        XYSeries s = chart.addSeries("loop gain", years, gain);
        s.setMarker(SeriesMarkers.NONE);
        // a series rather than an annotation: it is named in the legend, and the y axis always reaches 1.0
        double[] one = new double[years.length];
        Arrays.fill(one, 1.0);
        XYSeries threshold = chart.addSeries(THRESHOLD_LABEL, years, one);
        threshold.setMarker(SeriesMarkers.NONE);
        threshold.setLineColor(new Color(0xA00000));
        threshold.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{6f, 4f}, 0f));
        return chart;
    }
}
