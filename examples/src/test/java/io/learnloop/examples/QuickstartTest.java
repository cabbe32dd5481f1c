package io.learnloop.examples;

import io.learnloop.core.access.AccessReason;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.credential.VerificationResult;
import io.learnloop.core.credential.VerificationStatus;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.EntryOperation;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.Posting;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import io.learnloop.core.review.RatingSummary;
import io.learnloop.examples.quickstart.CourseRef;
import io.learnloop.examples.quickstart.Delivery;
import io.learnloop.examples.quickstart.QuickstartDemo;
import io.learnloop.examples.quickstart.QuickstartReport;
import io.learnloop.recommend.LearnerContext;
import io.learnloop.recommend.Recommendation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs the README demo once on a temporary folder and checks each stage's results and numbers.
 */
class QuickstartTest {
    @TempDir
    static Path folder;

    private static QuickstartReport report;
    private static String narrative;

    @BeforeAll
    static void runQuickstart() {
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            report = new QuickstartDemo(folder, print, false).run();
        }
        narrative = out.toString(StandardCharsets.UTF_8);
    }

    private static Money cny(String amount) {
        return Money.parse(amount, "CNY");
    }

    @Test
    void run_whenFinished_printsEveryStageInOrder() {
        int last = -1;
        for (String header : List.of("== 1. Creators write courses", "== 2. Offers, a coupon", "== 3. Learners learn",
                "== 4. Questions and answers", "== 5. The platform runs for 8 weeks", "== 6. Recommendations",
                "== 7. A refund", "== 8. The growth loop", "The whole loop ran in")) {
            int at = narrative.indexOf(header);
            assertThat(at).as(header).isGreaterThan(last);
            last = at;
        }
        assertThat(narrative).contains("simulating weeks [##############################] 100% (8/8)");
        assertThat(narrative).contains(folder.resolve("charts").toAbsolutePath().toString());
        assertThat(folder.resolve("h2")).isDirectory();
    }

    @Test
    void catalog_whenReviewed_publishesEveryCourseAndRefusesSelfReview() {
        assertThat(report.catalog().all()).hasSize(5);
        assertThat(report.catalog().all()).extracting(CourseRef::title)
                .contains("Python 入门：从零到数据分析", "Product Design Fundamentals");
        assertThat(report.catalog().selfReview()).contains("wang.fang").contains("cannot review");
        assertThat(report.catalog().changesAsked()).isNotEmpty();
        // the summary lesson asked for by the reviewer is in the published version
        assertThat(report.catalog().python().lessons()).extracting(l -> l.title()).contains("本章小结 Summary");
    }

    @Test
    void commerce_whenPaidThroughSandbox_settlesOnceRejectsForgeryAndPostsTheLedger() {
        var commerce = report.commerce();
        assertThat(commerce.liMingOrder().total()).isEqualTo(cny("159.20"));
        assertThat(commerce.zhangWeiOrder().total()).isEqualTo(cny("448.00"));
        assertThat(List.of(commerce.liMingOrder(), commerce.emmaOrder(), commerce.zhangWeiOrder()))
                .allMatch(o -> o.status() == OrderStatus.PAID);
        Map<String, Long> outcomes = commerce.deliveries().stream()
                .collect(Collectors.groupingBy(Delivery::outcome, Collectors.counting()));
        assertThat(outcomes).containsEntry("SETTLED", 3L).containsEntry("DUPLICATE", 1L).containsEntry("REJECTED", 1L);
        assertThat(commerce.deliveries()).filteredOn(d -> d.outcome().equals("REJECTED")).allMatch(d -> !d.accepted());
        // 159.20: platform 30% = 47.76; creators 111.44 split 70/30 = 78.01 + 33.43
        Map<String, Money> posted = commerce.liMingPosting().postings().stream()
                .collect(Collectors.toMap(p -> p.account().key(), Posting::amount, Money::plus));
        assertThat(posted).containsEntry(LedgerAccount.PLATFORM.key(), cny("47.76"))
                .containsEntry(LedgerAccount.creator(new UserId("wang.fang")).key(), cny("78.01"))
                .containsEntry(LedgerAccount.creator(new UserId("liu.yang")).key(), cny("33.43"))
                .containsEntry(LedgerAccount.clearing("sandbox").key(), cny("-159.20"));
    }

    @Test
    void learning_whenLearnersFinish_refusesSeekingAndIssuesVerifiableCertificates() {
        var learning = report.learning();
        assertThat(learning.seekRefused().toSeconds()).isPositive();
        assertThat(learning.failedQuiz().passed()).isFalse();
        assertThat(learning.verifications()).hasSize(3).allMatch(VerificationResult::valid);
        assertThat(learning.selfReview()).contains("wang.fang");
        RatingSummary python = learning.summaries().get(0);
        assertThat(python.courseId()).isEqualTo(report.catalog().python().id());
        long sum = 0;
        for (int stars = 1; stars <= 5; stars++) {
            sum += stars * python.distribution().get(stars - 1);
        }
        double bayesian = (python.priorWeight() * python.priorMean() + sum) / (python.priorWeight() + python.count());
        assertThat(python.count()).isEqualTo(1);
        assertThat(python.mean()).isEqualTo(5.0);
        assertThat(python.bayesianAverage()).isCloseTo(bayesian, within(1e-9)).isLessThan(python.mean());
    }

    @Test
    void community_whenQuestionAnswered_acceptsTheAnswerAndKeepsNonBuyersOut() {
        var community = report.community();
        assertThat(community.question().acceptedPostId()).isEqualTo(community.answer().id());
        assertThat(community.keptOut()).contains("zhang.wei").contains("not entitled");
        assertThat(community.groupProgress().percentByUser()).containsEntry(new UserId("li.ming"), 100);
    }

    @Test
    void life_whenWeeksPass_recordsSalesLearningAndANewCreator() {
        var life = report.life();
        assertThat(life.arrivals()).isGreaterThanOrEqualTo(24);
        assertThat(life.orders()).isPositive();
        assertThat(life.completions()).isPositive();
        assertThat(life.newCourse()).isNotNull();
    }

    @Test
    void recommend_whenAsked_excludesOwnedCoursesAndExplainsEachResult() {
        var recommend = report.recommend();
        assertThat(recommend.recommendations()).containsKeys("li.ming", "emma.wilson", "zhang.wei", "chen.jing");
        for (Map.Entry<String, List<Recommendation>> e : recommend.recommendations().entrySet()) {
            LearnerContext context = recommend.contexts().get(e.getKey());
            assertThat(e.getValue()).as(e.getKey()).isNotEmpty();
            for (Recommendation r : e.getValue()) {
                assertThat(context.owned()).as(e.getKey()).doesNotContain(r.courseId());
                assertThat(context.refunded()).doesNotContain(r.courseId());
                assertThat(r.explanation().text()).isNotBlank();
            }
        }
        // Li Ming owns the Python course, and it is never offered back to him
        assertThat(recommend.contexts().get("li.ming").owned()).contains(report.catalog().python().id().value());
    }

    @Test
    void refund_whenALineIsRefunded_revokesAccessAndCertificateAndClawsBackEveryShare() {
        var refund = report.refund();
        assertThat(refund.order().status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(refund.refundedAccess().allowed()).isFalse();
        assertThat(refund.refundedAccess().reason()).isEqualTo(AccessReason.REVOKED);
        assertThat(refund.keptAccess().allowed()).isTrue();
        assertThat(refund.certificate().status()).isEqualTo(VerificationStatus.REVOKED);
        assertThat(refund.clawback().operation()).isEqualTo(EntryOperation.REFUND);
        // 299.00 back: platform 30% = 89.70, Li Ming's referral commission 10% = 29.90, Wang Fang the rest 179.40
        Map<String, Money> back = refund.clawback().postings().stream()
                .collect(Collectors.toMap(p -> p.account().key(), Posting::amount, Money::plus));
        assertThat(back).containsEntry(LedgerAccount.clearing("sandbox").key(), cny("299.00"))
                .containsEntry(LedgerAccount.PLATFORM.key(), cny("-89.70"))
                .containsEntry(LedgerAccount.affiliate(new UserId("li.ming")).key(), cny("-29.90"))
                .containsEntry(LedgerAccount.creator(new UserId("wang.fang")).key(), cny("-179.40"));
    }

    @Test
    void ledger_afterEverything_balancesToTheCent() {
        var refund = report.refund();
        Money sum = Money.zero(refund.total().currency());
        Map<String, Money> balances = new java.util.HashMap<>();
        for (Balance b : refund.balances()) {
            sum = sum.plus(b.amount());
            balances.put(b.account().key(), b.amount());
        }
        assertThat(sum.isZero()).isTrue();
        assertThat(refund.total().isZero()).isTrue();
        Money net = refund.paid().minus(refund.refunded());
        assertThat(refund.refunded()).isEqualTo(cny("299.00"));
        assertThat(balances.get(LedgerAccount.clearing("sandbox").key())).isEqualTo(net.negate());
        // the platform keeps 30% of every net line, give or take a cent of rounding per line
        long platform = balances.get(LedgerAccount.PLATFORM.key()).minor();
        assertThat((double) platform).isCloseTo(net.minor() * 0.30, within(60.0));
        Money creators = Money.zero(sum.currency());
        Money affiliates = Money.zero(sum.currency());
        for (Balance b : refund.balances()) {
            switch (b.account().kind()) {
                case CREATOR -> creators = creators.plus(b.amount());
                case AFFILIATE -> affiliates = affiliates.plus(b.amount());
                default -> { }
            }
            assertThat(b.amount().isNegative()).as(b.account().key())
                    .isEqualTo(b.account().kind() == io.learnloop.core.ledger.AccountKind.CLEARING);
        }
        assertThat(creators.plus(affiliates).minor() + platform).isEqualTo(net.minor());
        assertThat(balances.get(LedgerAccount.creator(new UserId("wang.fang")).key()))
                .isGreaterThan(balances.get(LedgerAccount.creator(new UserId("liu.yang")).key()));
    }

    @Test
    void growth_whenCalibrated_reportsFittedRatesAndWritesCharts() throws Exception {
        var growth = report.growth();
        assertThat(growth.observations().periods()).hasSize(9);
        assertThat(growth.observations().cohorts()).isNotEmpty();
        assertThat(growth.calibration().estimates()).isNotEmpty();
        assertThat(growth.calibration().parameters()).isNotNull();
        assertThat(growth.loop().gain()).isFinite().isPositive();
        // the lifetime value is the platform's margin, and the narration says so next to the number
        assertThat(narrative).contains(String.format(java.util.Locale.ROOT,
                "platform LTV %.2f CNY (the platform's", growth.economics().ltv()));
        assertThat(growth.charts()).isEqualTo(folder.toAbsolutePath().resolve("charts"));
        for (String chart : List.of("observed-vs-fitted", "projected-stocks", "loop-gain", "tornado")) {
            Path png = growth.charts().resolve(chart + ".png");
            Path svg = growth.charts().resolve(chart + ".svg");
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
            assertThat(head).as(chart).containsExactly(0x89, 'P', 'N', 'G');
            assertThat(Files.readString(svg)).as(chart).contains("<svg");
        }
        assertThat(Files.readString(growth.charts().resolve("calibration.json"))).contains("conversionRate");
        assertThat(growth.files()).allMatch(Files::isRegularFile);
    }

    @Test
    void refund_whenALineIsRefunded_keepsTheOtherCourseAndDropsTheRefundedReview() {
        CourseId ml = report.catalog().ml().id();
        assertThat(report.refund().refundedAccess().course()).isEqualTo(ml);
        assertThat(report.refund().keptAccess().course()).isEqualTo(report.catalog().design().id());
        assertThat(report.refund().keptAccess().reason()).isEqualTo(AccessReason.PURCHASED);
        assertThat(report.refund().summaryAfter().courseId()).isEqualTo(ml);
        assertThat(report.refund().summaryBefore().count() - report.refund().summaryAfter().count()).isEqualTo(1);
    }
}
