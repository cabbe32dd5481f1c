package io.learnloop.examples.growth;

import io.learnloop.growth.Tornado;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;

/**
 * The tornado chart: one horizontal bar per parameter from the output at its low value to the output at its high
 * value, widest at the top, with a vertical line at the baseline.
 */
public final class TornadoChart {
    private static final Color LOW = new Color(0x4C72B0);
    private static final Color HIGH = new Color(0xDD8452);

    private TornadoChart() {
    }

    /**
     * Builds the chart.
     *
     * @param tornado the sensitivity analysis
     * @param bars    how many of the widest bars to draw
     * @param scale   divisor for the output (for example 1e6 for millions)
     * @param xTitle  the x axis title
     * @return the chart
     */
    public static XYChart of(Tornado tornado, int bars, double scale, String xTitle) {
        List<Tornado.Bar> top = tornado.bars().subList(0, Math.min(bars, tornado.bars().size()));
        XYChart chart = new XYChartBuilder().width(ChartFiles.WIDTH).height(ChartFiles.HEIGHT)
                .title("Tornado: " + ChartLabels.of(tornado.metric()) + ", each parameter -" + Math.round(tornado.swing() * 100)
                        + "% (blue) and +" + Math.round(tornado.swing() * 100) + "% (orange)")
                .xAxisTitle(xTitle).build();
        ChartFiles.style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(top.size() + 1.0);
        float thickness = Math.max(4f, 300f / top.size());
        double base = tornado.baseline() / scale;
        double min = base;
        double max = base;
        for (Tornado.Bar bar : top) {
            min = Math.min(min, Math.min(bar.lowOutput(), bar.highOutput()) / scale);
            max = Math.max(max, Math.max(bar.lowOutput(), bar.highOutput()) / scale);
        }
        // leave room on the left for the parameter names, written as annotations beside their bars
        double labelSpace = 0.45 * (max - min);
        chart.getStyler().setXAxisMin(min - labelSpace).setXAxisMax(max + 0.02 * (max - min));
        chart.getStyler().setYAxisTicksVisible(false);
        for (int i = 0; i < top.size(); i++) {
            Tornado.Bar bar = top.get(i);
            double y = top.size() - i;
            String label = ChartLabels.of(bar.parameter());
            addHalf(chart, label + ", low", base, bar.lowOutput() / scale, y, LOW, thickness);
            addHalf(chart, label + ", high", base, bar.highOutput() / scale, y, HIGH, thickness);
            chart.addAnnotation(new AnnotationText(label, min - labelSpace / 2, y, false));
        }
        AnnotationLine baseline = new AnnotationLine(base, true, false);
        chart.addAnnotation(baseline);
        return chart;
    }

    private static void addHalf(XYChart chart, String name, double base, double end, double y, Color color, float width) {
        XYSeries s = chart.addSeries(name, new double[]{base, end}, new double[]{y, y});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
    }
}
