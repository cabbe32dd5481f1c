package io.learnloop.examples.growth;

import io.learnloop.growth.GrowthModel;
import io.learnloop.growth.Metric;
import io.learnloop.growth.Parameter;
import io.learnloop.growth.Stock;
import io.learnloop.growth.TimeStep;
import io.learnloop.growth.Tornado;
import io.learnloop.growth.Trajectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class GrowthChartLabelsTest {
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][A-Z]");

    private static Trajectory run;

    @BeforeAll
    static void simulate() {
        System.setProperty("java.awt.headless", "true");
        run = GrowthModel.defaults().simulate(TimeStep.WEEK, TimeStep.WEEK.stepsIn(2));
    }

    @Test
    void stockChart_namesItsSeriesInWords() {
        XYChart chart = StockChart.of(run, "Learners", List.of(Stock.values()), 1_000, "thousand people");
        assertThat(chart.getSeriesMap().keySet()).contains("free learners", "paying learners", "lapsed learners", "creators")
                .noneMatch(name -> CAMEL_CASE.matcher(name).find());
    }

    @Test
    void gainChart_drawsALabelledBreakEvenLineAtOne() {
        XYChart chart = GainChart.of(run);
        XYSeries threshold = chart.getSeriesMap().get(GainChart.THRESHOLD_LABEL);
        assertThat(threshold).isNotNull();
        assertThat(GainChart.THRESHOLD_LABEL).contains("1.0");
        assertThat(Arrays.stream(threshold.getYData()).distinct().toArray()).containsExactly(1.0);
        assertThat(threshold.getXData()).isEqualTo(chart.getSeriesMap().get("loop gain").getXData());
    }

    @Test
    void tornadoChart_namesParametersAndMetricInWords() {
        Tornado tornado = Tornado.of(GrowthModel.defaults(), TimeStep.MONTH, 12, Metric.CUMULATIVE_REVENUE, 0.2,
                EnumSet.of(Parameter.K_FACTOR, Parameter.PAID_CHURN_RATE, Parameter.PRICE));
        XYChart chart = TornadoChart.of(tornado, 3, 1, "revenue");
        assertThat(chart.getTitle()).contains("cumulative revenue").doesNotContain("cumulativeRevenue");
        assertThat(chart.getSeriesMap().keySet()).contains("k-factor (referrals per learner), low", "paid churn rate, high")
                .noneMatch(name -> CAMEL_CASE.matcher(name).find());
    }

    @Test
    void labels_coverEveryStockParameterAndMetricInWords() {
        for (Stock s : Stock.values()) {
            assertThat(ChartLabels.of(s)).as(s.key()).doesNotContainPattern(CAMEL_CASE);
        }
        for (Parameter p : Parameter.values()) {
            assertThat(ChartLabels.of(p)).as(p.key()).doesNotContainPattern(CAMEL_CASE);
        }
        for (Metric m : Metric.values()) {
            assertThat(ChartLabels.of(m)).as(m.key()).doesNotContainPattern(CAMEL_CASE);
        }
    }
}
