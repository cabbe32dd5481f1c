package io.learnloop.payment.alipay;

import com.alipay.api.internal.mapping.ApiField;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import io.learnloop.core.subscription.Subscription;
import io.learnloop.core.subscription.SubscriptionStatus;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import io.learnloop.payment.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agreement deductions that Alipay answers "in progress" ({@code 10003}), settled from the trade notification or an
 * {@code alipay.trade.query} poll and never charged twice, and agreements that are never signed, on every store the
 * deduction records live in (memory, H2, PostgreSQL), against WireMock stubs of the gateway with signed responses.
 */
class AlipayAgreementDeductionTest {
    private static final String APP_ID = AlipayProviderTest.APP_ID;
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);
    private static final UserId LENA = UserId.of("lena");
    // 2026-03-01 18:00:00 in Beijing
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Money PRICE = Money.parse("30.00", "CNY");
    private static final String FIRST = "lenaStats1P1A1";

    @RegisterExtension
    static final StubServer server = new StubServer();

    private final MutableClock clock = new MutableClock(START);
    private TestStores.Backend backend;
    private Learnloop learnloop;
    private Course course;
    private Offer plan;
    private AlipayAgreements agreements;

    private void open(String store) {
        backend = TestStores.open(store);
        learnloop = Learnloop.builder().store(backend.store()).clock(clock)
                .idGenerator(IdGenerator.sequential("d" + store)).build();
        course = Catalogue.published(learnloop, ADA, "Statistics");
        plan = learnloop.commerce().createOffer(ADA, OfferDraft.membership("统计学 月度会员", PRICE,
                new MembershipTerms(MembershipPeriod.MONTH, 0, List.of(course.id()), List.of())));
        agreements = AlipayAgreements.builder(learnloop, AlipayConfig.builder(APP_ID)
                .appPrivateKey(AlipayOfficialSdkAgreementTest.APP.getPrivate())
                .alipayPublicKey(AlipayOfficialSdkAgreementTest.ALIPAY.getPublic())
                .gatewayUrl(server.baseUrl() + "/gateway.do").notifyUrl(AlipayOfficialSdkAgreementTest.NOTIFY)
                .clock(clock).http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build())
                .build();
    }

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    private static Map<String, String> signedByAlipay(Map<String, String> p) {
        p.put("sign_type", "RSA2");
        p.put("sign", TestKeys.sign(AlipayOfficialSdkAgreementTest.ALIPAY.getPrivate(),
                AlipayProviderTest.content(p, List.of("sign", "sign_type")).getBytes(StandardCharsets.UTF_8)));
        return p;
    }

    private AgreementNotificationResult deliver(Map<String, String> p) {
        return agreements.handleNotification(AlipayProviderTest.form(p),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    }

    private void sign(String learner, String agreementNo, boolean signed) {
        agreements.signPage(UserId.of(learner), plan.id(), agreementNo, null);
        if (!signed) {
            return;
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("notify_id", "sign-" + agreementNo);
        p.put("notify_time", "2026-03-01 18:00:00");
        p.put("notify_type", "dut_user_sign");
        p.put("app_id", APP_ID);
        p.put("charset", "utf-8");
        p.put("version", "1.0");
        p.put("agreement_no", "2026530100339992" + String.format("%04d", Math.abs(agreementNo.hashCode()) % 10_000));
        p.put("external_agreement_no", agreementNo);
        p.put("personal_product_code", "CYCLE_PAY_AUTH_P");
        p.put("sign_scene", "INDUSTRY|DIGITAL_MEDIA");
        p.put("status", "NORMAL");
        p.put("alipay_user_id", "2088102177846873");
        p.put("sign_time", "2026-03-01 17:59:00");
        assertThat(deliver(signedByAlipay(p)).disposition()).isEqualTo(AgreementDisposition.SIGNED);
    }

    /** A trade notification of a deduction, as Alipay posts it to the {@code notify_url} of the request. */
    private static Map<String, String> tradeNotification(String notifyId, String outTradeNo, String status) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("notify_time", "2026-03-01 18:05:00");
        p.put("notify_type", "trade_status_sync");
        p.put("notify_id", notifyId);
        p.put("app_id", APP_ID);
        p.put("charset", "utf-8");
        p.put("version", "1.0");
        p.put("trade_no", "2026030122001446870500000001");
        p.put("out_trade_no", outTradeNo);
        p.put("buyer_id", "2088102177846873");
        p.put("seller_id", "2088101117955611");
        p.put("trade_status", status);
        p.put("total_amount", "30.00");
        p.put("receipt_amount", "30.00");
        p.put("gmt_create", "2026-03-01 18:00:01");
        p.put("gmt_payment", "2026-03-01 18:04:58");
        return signedByAlipay(p);
    }

    private static void stubGateway(String method, String inner) {
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(method))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody(AlipayProviderTest.signedResponse(method, inner,
                                AlipayOfficialSdkAgreementTest.ALIPAY))));
    }

    private static List<LoggedRequest> requests(String method) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/gateway.do")).withQueryParam("method",
                equalTo(method)));
    }

    private static void payInProgress() {
        // what alipay.trade.pay answers while the buyer's payment is still being processed (支付处理中)
        stubGateway("alipay.trade.pay", "{\"code\":\"10003\",\"msg\":\" order success pay inprocess\","
                + "\"trade_no\":\"2026030122001446870500000001\",\"out_trade_no\":\"" + FIRST + "\","
                + "\"buyer_logon_id\":\"159****5620\",\"total_amount\":\"30.00\"}");
    }

    private int ordersOfLena() {
        return learnloop.commerce().ordersOf(Staff.FINANCE, LENA, null, 100).items().size();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void chargeDue_whenAlipayAnswersInProgress_keepsThePeriodPendingAndSettlesItFromTheQuery(String store) {
        open(store);
        sign("lena", "lenaStats1", true);
        payInProgress();

        DeductionRun first = agreements.chargeDue(10);
        Subscription waiting = learnloop.subscriptions().byExternalId("alipay", "lenaStats1");
        stubGateway("alipay.trade.query", "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":"
                + "\"2026030122001446870500000001\",\"out_trade_no\":\"" + FIRST + "\",\"trade_status\":"
                + "\"WAIT_BUYER_PAY\",\"total_amount\":\"30.00\"}");
        DeductionRun second = agreements.chargeDue(10);
        stubGateway("alipay.trade.query", "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":"
                + "\"2026030122001446870500000001\",\"out_trade_no\":\"" + FIRST + "\",\"trade_status\":"
                + "\"TRADE_SUCCESS\",\"total_amount\":\"30.00\",\"send_pay_date\":\"2026-03-01 18:04:58\"}");
        DeductionRun third = agreements.chargeDue(10);
        DeductionRun fourth = agreements.chargeDue(10);

        assertThat(first).isEqualTo(new DeductionRun(0, 0, 1));
        assertThat(waiting.status()).isEqualTo(SubscriptionStatus.INCOMPLETE);
        assertThat(waiting.failedAttempts()).isZero();
        assertThat(second).isEqualTo(new DeductionRun(0, 0, 1));
        assertThat(third).isEqualTo(new DeductionRun(1, 0, 0));
        assertThat(fourth).isEqualTo(new DeductionRun(0, 0, 0));
        // one charge of the period, then only queries for it
        assertThat(requests("alipay.trade.pay")).hasSize(1);
        assertThat(requests("alipay.trade.query")).hasSize(2).allSatisfy(r -> assertThat(
                AlipayProviderTest.params(r).get("biz_content")).contains("\"out_trade_no\":\"" + FIRST + "\""));
        Subscription paid = learnloop.subscriptions().byExternalId("alipay", "lenaStats1");
        assertThat(paid.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(paid.lastPayment()).isEqualTo(FIRST);
        assertThat(learnloop.access().hasAccess(LENA, course.id(), START.plusSeconds(60))).isTrue();
        assertThat(ordersOfLena()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void handleNotification_whenAnInProgressDeductionIsPaid_settlesThePeriodOnceAndChargesNoMore(String store) {
        open(store);
        sign("lena", "lenaStats1", true);
        payInProgress();
        assertThat(agreements.chargeDue(10)).isEqualTo(new DeductionRun(0, 0, 1));
        clock.advance(Duration.ofMinutes(5));

        AgreementNotificationResult paid = deliver(tradeNotification("t-1", FIRST, "TRADE_SUCCESS"));
        AgreementNotificationResult again = deliver(tradeNotification("t-1", FIRST, "TRADE_SUCCESS"));
        AgreementNotificationResult finished = deliver(tradeNotification("t-2", FIRST, "TRADE_FINISHED"));
        DeductionRun after = agreements.chargeDue(10);

        assertThat(paid.disposition()).as(paid.detail()).isEqualTo(AgreementDisposition.CHARGED);
        assertThat(paid.acknowledgement().body()).isEqualTo("success");
        assertThat(paid.subscription().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(again.disposition()).isEqualTo(AgreementDisposition.DUPLICATE);
        assertThat(finished.disposition()).isEqualTo(AgreementDisposition.DUPLICATE);
        assertThat(after).isEqualTo(new DeductionRun(0, 0, 0));
        assertThat(requests("alipay.trade.pay")).hasSize(1);
        assertThat(ordersOfLena()).isEqualTo(1);
        assertThat(learnloop.subscriptions().byExternalId("alipay", "lenaStats1").paidPeriods()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void handleNotification_whenAnInProgressDeductionCloses_recordsOneFailedRenewal(String store) {
        open(store);
        sign("lena", "lenaStats1", true);
        payInProgress();
        agreements.chargeDue(10);
        clock.advance(Duration.ofMinutes(5));

        AgreementNotificationResult closed = deliver(tradeNotification("t-3", FIRST, "TRADE_CLOSED"));

        assertThat(closed.disposition()).as(closed.detail()).isEqualTo(AgreementDisposition.CHARGE_FAILED);
        Subscription s = learnloop.subscriptions().byExternalId("alipay", "lenaStats1");
        assertThat(s.failedAttempts()).isEqualTo(1);
        assertThat(s.nextChargeAt()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
        assertThat(ordersOfLena()).isZero();
    }

    @Test
    void chargeDue_whenTheDeductionNeverReachedAlipay_sendsItAgainUnderTheSameNumber() {
        open("memory");
        sign("lena", "lenaStats1", true);
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo("alipay.trade.pay"))
                .willReturn(aResponse().withStatus(503)));
        DeductionRun lost = agreements.chargeDue(10);
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo("alipay.trade.query"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody("{\"alipay_trade_query_response\":{\"code\":\"40004\",\"msg\":"
                                + "\"Business Failed\",\"sub_code\":\"ACQ.TRADE_NOT_EXIST\",\"sub_msg\":"
                                + "\"交易不存在\"}}")));
        stubGateway("alipay.trade.pay", "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026030122009\","
                + "\"out_trade_no\":\"" + FIRST + "\",\"total_amount\":\"30.00\"}");
        int lostSends = requests("alipay.trade.pay").size();

        // a send may still be on its way for a while: no repeat yet
        DeductionRun early = agreements.chargeDue(10);
        int afterEarly = requests("alipay.trade.pay").size();
        clock.advance(Duration.ofMinutes(10));
        DeductionRun sent = agreements.chargeDue(10);

        assertThat(lost).isEqualTo(new DeductionRun(0, 0, 1));
        assertThat(early).isEqualTo(new DeductionRun(0, 0, 1));
        assertThat(afterEarly).isEqualTo(lostSends);
        assertThat(sent).isEqualTo(new DeductionRun(1, 0, 0));
        assertThat(requests("alipay.trade.query")).hasSize(2);
        assertThat(requests("alipay.trade.pay")).hasSize(lostSends + 1).allSatisfy(r -> assertThat(
                AlipayProviderTest.params(r).get("biz_content")).contains("\"out_trade_no\":\"" + FIRST + "\""));
        assertThat(ordersOfLena()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void chargeDue_whenAgreementsAreNeverSigned_chargesTheSignedOneAndCancelsTheRestAfterTheSigningWindow(
            String store) {
        open(store);
        for (String learner : List.of("ann", "bob", "cat")) {
            sign(learner, learner + "Stats1", false);
            clock.advance(Duration.ofSeconds(1));
        }
        sign("lena", "lenaStats1", true);
        stubGateway("alipay.trade.pay", "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026030122009\","
                + "\"out_trade_no\":\"" + FIRST + "\",\"total_amount\":\"30.00\","
                + "\"gmt_payment\":\"2026-03-01 18:00:04\"}");

        // the three unsigned ones are due first; a batch of two still reaches the signed one
        DeductionRun within = agreements.chargeDue(2);
        clock.advance(Duration.ofDays(1));
        DeductionRun after = agreements.chargeDue(2);
        DeductionRun later = agreements.chargeDue(2);

        assertThat(within).isEqualTo(new DeductionRun(1, 0, 3, 0));
        assertThat(after).isEqualTo(new DeductionRun(0, 0, 0, 3));
        assertThat(later).isEqualTo(new DeductionRun(0, 0, 0, 0));
        for (String learner : List.of("ann", "bob", "cat")) {
            Subscription s = learnloop.subscriptions().byExternalId("alipay", learner + "Stats1");
            assertThat(s.status()).isEqualTo(SubscriptionStatus.CANCELED);
            assertThat(s.paidPeriods()).isZero();
        }
        assertThat(learnloop.subscriptions().byExternalId("alipay", "lenaStats1").status())
                .isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(requests("alipay.trade.pay")).hasSize(1);
    }

    private static void queryNotFound() {
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo("alipay.trade.query"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody(TRADE_NOT_EXIST)));
    }

    private static final String TRADE_NOT_EXIST = "{\"alipay_trade_query_response\":{\"code\":\"40004\",\"msg\":"
            + "\"Business Failed\",\"sub_code\":\"ACQ.TRADE_NOT_EXIST\",\"sub_msg\":\"交易不存在\"}}";

    private static final String QUERY_PAID = "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":"
            + "\"2026030122001446870500000001\",\"out_trade_no\":\"" + FIRST + "\",\"trade_status\":"
            + "\"TRADE_SUCCESS\",\"total_amount\":\"30.00\",\"send_pay_date\":\"2026-03-01 18:04:58\"}";

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void chargeDue_whenTwoInstancesChargeThePeriodAtOnce_sendsOneDeduction(String store) throws Exception {
        open(store);
        sign("lena", "lenaStats1", true);
        // the second host: its own facade and channel over the same store
        Learnloop other = Learnloop.builder().store(backend.store()).clock(clock)
                .idGenerator(IdGenerator.sequential("e" + store)).build();
        AlipayAgreements otherAgreements = AlipayAgreements.builder(other, AlipayConfig.builder(APP_ID)
                .appPrivateKey(AlipayOfficialSdkAgreementTest.APP.getPrivate())
                .alipayPublicKey(AlipayOfficialSdkAgreementTest.ALIPAY.getPublic())
                .gatewayUrl(server.baseUrl() + "/gateway.do").notifyUrl(AlipayOfficialSdkAgreementTest.NOTIFY)
                .clock(clock).http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build())
                .build();
        // the first send takes a while to be answered; meanwhile Alipay does not know the trade yet
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo("alipay.trade.pay"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                        .withFixedDelay(400).withBody(AlipayProviderTest.signedResponse("alipay.trade.pay",
                                "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026030122009\","
                                        + "\"out_trade_no\":\"" + FIRST + "\",\"total_amount\":\"30.00\"}",
                                AlipayOfficialSdkAgreementTest.ALIPAY))));
        queryNotFound();

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<DeductionRun> a = pool.submit(() -> {
                start.await();
                return agreements.chargeDue(10);
            });
            Future<DeductionRun> b = pool.submit(() -> {
                start.await();
                Thread.sleep(100); // the other instance's send is on its way
                return otherAgreements.chargeDue(10);
            });
            DeductionRun first = a.get(30, TimeUnit.SECONDS);
            DeductionRun second = b.get(30, TimeUnit.SECONDS);
            assertThat(first.charged() + second.charged()).isEqualTo(1);
            assertThat(first.failed() + second.failed()).isZero();
        } finally {
            pool.shutdownNow();
        }

        assertThat(requests("alipay.trade.pay")).hasSize(1);
        Subscription s = learnloop.subscriptions().byExternalId("alipay", "lenaStats1");
        assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(s.paidPeriods()).isEqualTo(1);
        assertThat(ordersOfLena()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void chargeDue_whenARepeatIsAnsweredTradeHasSuccess_pollsAndGrantsThePeriodOnce(String store) {
        open(store);
        sign("lena", "lenaStats1", true);
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo("alipay.trade.pay"))
                .willReturn(aResponse().withStatus(503)));
        assertThat(agreements.chargeDue(10)).isEqualTo(new DeductionRun(0, 0, 1));
        int lostSends = requests("alipay.trade.pay").size();
        clock.advance(Duration.ofMinutes(15));
        // the lost send reached Alipay after all: the query does not show it yet, the repeat is refused as paid
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo("alipay.trade.query"))
                .inScenario("late").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("visible")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody(TRADE_NOT_EXIST)));
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo("alipay.trade.query"))
                .inScenario("late").whenScenarioStateIs("visible")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody(AlipayProviderTest.signedResponse("alipay.trade.query", QUERY_PAID,
                                AlipayOfficialSdkAgreementTest.ALIPAY))));
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo("alipay.trade.pay"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody("{\"alipay_trade_pay_response\":{\"code\":\"40004\",\"msg\":\"Business Failed\","
                                + "\"sub_code\":\"ACQ.TRADE_HAS_SUCCESS\",\"sub_msg\":\"交易已被支付\"}}")));

        DeductionRun repeat = agreements.chargeDue(10);
        AgreementNotificationResult notified = deliver(tradeNotification("t-9", FIRST, "TRADE_SUCCESS"));
        DeductionRun after = agreements.chargeDue(10);

        assertThat(repeat).isEqualTo(new DeductionRun(1, 0, 0));
        assertThat(notified.disposition()).isEqualTo(AgreementDisposition.DUPLICATE);
        assertThat(after).isEqualTo(new DeductionRun(0, 0, 0));
        assertThat(requests("alipay.trade.pay")).hasSize(lostSends + 1);
        assertThat(requests("alipay.trade.query")).hasSize(2);
        Subscription s = learnloop.subscriptions().byExternalId("alipay", "lenaStats1");
        assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(s.paidPeriods()).isEqualTo(1);
        assertThat(s.failedAttempts()).isZero();
        assertThat(s.lastPayment()).isEqualTo(FIRST);
        assertThat(ordersOfLena()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void handleNotification_whenADeductionMarkedFailedIsPaid_settlesThePeriodOnce(String store) {
        open(store);
        sign("lena", "lenaStats1", true);
        stubGateway("alipay.trade.pay", "{\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"sub_code\":\"ACQ.BUYER_BALANCE_NOT_ENOUGH\",\"sub_msg\":\"买家余额不足\"}");
        assertThat(agreements.chargeDue(10)).isEqualTo(new DeductionRun(0, 1, 0));
        assertThat(learnloop.subscriptions().byExternalId("alipay", "lenaStats1").failedAttempts()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(5));

        AgreementNotificationResult paid = deliver(tradeNotification("t-4", FIRST, "TRADE_SUCCESS"));
        AgreementNotificationResult finished = deliver(tradeNotification("t-5", FIRST, "TRADE_FINISHED"));
        AgreementNotificationResult closed = deliver(tradeNotification("t-6", FIRST, "TRADE_CLOSED"));
        clock.advance(Duration.ofDays(1));
        DeductionRun dunning = agreements.chargeDue(10);

        assertThat(paid.disposition()).as(paid.detail()).isEqualTo(AgreementDisposition.CHARGED);
        assertThat(finished.disposition()).isEqualTo(AgreementDisposition.DUPLICATE);
        assertThat(closed.disposition()).isEqualTo(AgreementDisposition.DUPLICATE);
        assertThat(dunning).isEqualTo(new DeductionRun(0, 0, 0));
        assertThat(requests("alipay.trade.pay")).hasSize(1);
        Subscription s = learnloop.subscriptions().byExternalId("alipay", "lenaStats1");
        assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(s.paidPeriods()).isEqualTo(1);
        assertThat(s.failedAttempts()).isZero();
        assertThat(ordersOfLena()).isEqualTo(1);
    }

    private static Set<String> apiFields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields()).map(f -> f.getAnnotation(ApiField.class))
                .filter(Objects::nonNull).map(ApiField::value).collect(Collectors.toSet());
    }

    @Test
    void chargeDue_readsOnlyFieldsTheOfficialSdkDeclaresOnPayAndQueryResponses() {
        // the names read from alipay.trade.pay and alipay.trade.query answers, as alipay-sdk-java declares them
        assertThat(apiFields(AlipayTradePayResponse.class)).contains("trade_no", "out_trade_no", "total_amount",
                "gmt_payment", "buyer_logon_id");
        assertThat(apiFields(AlipayTradeQueryResponse.class)).contains("trade_no", "out_trade_no", "trade_status",
                "total_amount", "send_pay_date");
    }
}
