package io.learnloop.examples.growth;

import io.learnloop.growth.LoopAnalysis;
import io.learnloop.growth.Trajectory;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;


/**
 * The loop gain along a simulation, with the break-even line at 1.
 */
public final class GainChart {
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
        AnnotationLine one = new AnnotationLine(1.0, false, false);
        chart.addAnnotation(one);
        return chart;
    }
}
