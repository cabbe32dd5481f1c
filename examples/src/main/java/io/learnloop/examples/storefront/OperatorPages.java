package io.learnloop.examples.storefront;

import io.learnloop.core.Page;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.learning.CourseReport;
import io.learnloop.core.money.Money;
import io.learnloop.examples.growth.ChartFiles;
import io.learnloop.examples.growth.StockChart;
import io.learnloop.examples.storefront.WebServer.Request;
import io.learnloop.examples.storefront.WebServer.Response;
import io.learnloop.growth.GrowthModel;
import io.learnloop.growth.LoopAnalysis;
import io.learnloop.growth.Stock;
import io.learnloop.growth.TimeStep;
import io.learnloop.growth.Trajectory;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * The operator's view: ledger balances (which must sum to zero), sales, the learning funnel per course, and charts
 * rendered by XChart as PNG or SVG: revenue over time from this shop's orders and the growth-loop projection.
 */
final class OperatorPages extends Pages {
    private static final Currency CNY = Currency.getInstance("CNY");

    private volatile Trajectory projection;

    OperatorPages(Shop shop) {
        super(shop);
    }

    @Override
    void register(WebServer web) {
        web.get("/operator", this::overview);
        web.get("/operator/charts/{file}", this::chart);
    }

    /** Every account's balance, page by page. */
    private List<Balance> balances() {
        List<Balance> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Balance> page = shop.learnloop.ledger().balances(Shop.OPERATOR, CNY, cursor, 100);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private Response overview(Request req) {
        StringBuilder b = new StringBuilder("<p class=\"muted\">A demo page without access control; a host puts it behind its "
                + "staff sign-in.</p><h2>Ledger balances (CNY)</h2><div class=\"table-wrap\"><table id=\"ledger\"><tr><th>Account</th><th>Owner</th><th>Balance</th></tr>");
        long total = 0;
        for (Balance bal : balances()) {
            total += bal.amount().minor();
            b.append("<tr><td>").append(Html.esc(bal.account().kind())).append("</td><td>").append(Html.esc(bal.account().owner()))
                    .append("</td><td>").append(Html.money(bal.amount())).append("</td></tr>");
        }
        b.append("<tr><th colspan=\"2\">Sum (double entry: always zero)</th><th id=\"ledger-sum\">")
                .append(Html.money(Money.ofMinor(total, "CNY"))).append("</th></tr></table></div>");
        List<Order> sold = soldOrders();
        long revenue = sold.stream().mapToLong(o -> o.total().minor() - o.refunded().minor()).sum();
        b.append("<p>").append(sold.size()).append(" paid orders · net sales <b id=\"net-sales\">")
                .append(Html.money(Money.ofMinor(revenue, "CNY"))).append("</b></p>");
        b.append("<h2>Courses</h2><div class=\"table-wrap\"><table id=\"course-reports\"><tr><th>Course</th><th>Enrolments</th><th>Completions</th><th>Rating</th><th>Most learners stop at</th></tr>");
        for (Course c : shop.learnloop.catalog().courses(0, 1_000)) {
            if (c.status() != CourseStatus.PUBLISHED) {
                continue;
            }
            CourseReport r = shop.learnloop.learningReports().course(Shop.OPERATOR, c.id());
            b.append("<tr><td>").append(Html.esc(title(c))).append("</td><td>").append(r.enrolments()).append("</td><td>").append(r.completions()).append("</td><td>")
                    .append(r.ratings().count() == 0 ? "No reviews yet" : String.format(Locale.ROOT, "%.2f (%d)",
                            r.ratings().bayesianAverage(), r.ratings().count())).append("</td><td>")
                    .append(Html.esc(lessonTitle(c, r.dropOffLesson()))).append("</td></tr>");
        }
        b.append("</table></div><h2>Growth</h2>");
        LoopAnalysis loop = LoopAnalysis.of(GrowthModel.defaults());
        b.append(String.format(Locale.ROOT, "<p>Loop gain of the default growth model at launch: <b>%.3f</b> per cycle "
                + "(above 1 the loop amplifies).</p>", loop.gain()));
        b.append("<p><img class=\"chart\" id=\"revenue-chart\" alt=\"Revenue over time\" src=\"/operator/charts/revenue.png\"></p>")
                .append("<p><img class=\"chart\" id=\"growth-chart\" alt=\"Learners over five years\" src=\"/operator/charts/growth.png\"></p>")
                .append("<p class=\"muted\">Also as SVG: <a href=\"/operator/charts/revenue.svg\">revenue</a>, ")
                .append("<a href=\"/operator/charts/growth.svg\">growth</a>.</p>");
        return page(req, "Operator", b.toString());
    }

    private static String lessonTitle(Course c, LessonId lesson) {
        if (lesson == null) {
            return "—";
        }
        return c.published().chapters().stream().flatMap(ch -> ch.lessons().stream()).filter(l -> l.id().equals(lesson))
                .map(Lesson::title).findFirst().orElse(lesson.value());
    }

    private List<Order> soldOrders() {
        List<Order> out = new ArrayList<>();
        for (OrderStatus s : List.of(OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED)) {
            out.addAll(shop.ordersIn(s));
        }
        out.sort(Comparator.comparing(Order::paidAt));
        return out;
    }

    private Response chart(Request req) {
        String file = req.param("file");
        int dot = file.lastIndexOf('.');
        String name = dot < 0 ? file : file.substring(0, dot);
        String ext = dot < 0 ? "" : file.substring(dot + 1);
        XYChart chart = switch (name) {
            case "revenue" -> revenueChart();
            case "growth" -> growthChart();
            default -> null;
        };
        if (chart == null || !(ext.equals("png") || ext.equals("svg"))) {
            return Response.text(404, "charts: revenue or growth, as .png or .svg");
        }
        return ext.equals("png") ? Response.bytes("image/png", png(chart)) : Response.bytes("image/svg+xml", svg(chart));
    }

    private XYChart revenueChart() {
        XYChart chart = new XYChartBuilder().width(ChartFiles.WIDTH).height(ChartFiles.HEIGHT).title("Cumulative net sales")
                .xAxisTitle("time").yAxisTitle("CNY").build();
        ChartFiles.style(chart.getStyler());
        chart.getStyler().setDatePattern("HH:mm");
        List<Date> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        long sum = 0;
        for (Order o : soldOrders()) {
            sum += o.total().minor() - o.refunded().minor();
            x.add(Date.from(o.paidAt()));
            y.add(sum / 100.0);
        }
        if (x.isEmpty()) {
            x.add(Date.from(shop.clock.instant()));
            y.add(0.0);
        }
        chart.addSeries("net sales", x, y);
        return chart;
    }

    private XYChart growthChart() {
        Trajectory run = projection;
        if (run == null) {
            run = GrowthModel.defaults().simulate(TimeStep.WEEK, TimeStep.WEEK.stepsIn(5));
            projection = run;
        }
        return StockChart.of(run, "Learners over five years (growth model, default parameters)",
                List.of(Stock.FREE_LEARNERS, Stock.PAYING_LEARNERS, Stock.LAPSED_LEARNERS, Stock.CREATORS), 1_000, "thousand people");
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the chart", e);
        }
    }

    private static byte[] svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the chart", e);
        }
        return out.toByteArray();
    }
}
