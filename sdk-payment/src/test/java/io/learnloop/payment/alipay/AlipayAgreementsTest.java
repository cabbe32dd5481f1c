package io.learnloop.payment.alipay;

import com.alipay.api.CertAlipayRequest;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayUserAgreementPageSignRequest;
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
import io.learnloop.core.store.Stores;
import io.learnloop.core.subscription.Subscription;
import io.learnloop.core.subscription.SubscriptionStatus;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.testing.Forms;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alipay agreement deduction (周期扣款) through the public API: the sign URL against the official SDK's
 * {@code pageExecute} on the same inputs (public-key and certificate mode), agreement notifications signed with
 * Alipay's key, deductions and unsigning against WireMock stubs of the gateway with signed responses.
 */
class AlipayAgreementsTest {
    static final String APP_ID = AlipayProviderTest.APP_ID;
    static final String NOTIFY = AlipayOfficialSdkAgreementTest.NOTIFY;
    static final String RETURN = "https://m.shop.example/signed?x=1";
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);
    private static final UserId LENA = UserId.of("lena");
    // 2026-03-01 18:00:00 in Beijing
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Money PRICE = Money.parse("30.00", "CNY");

    @RegisterExtension
    static final StubServer server = new StubServer();

    private final MutableClock clock = new MutableClock(START);
    private Learnloop learnloop;
    private Course course;
    private Offer plan;
    private AlipayAgreements agreements;

    @BeforeEach
    void setUp() {
        learnloop = Learnloop.builder().store(Stores.inMemory()).clock(clock).idGenerator(IdGenerator.sequential("a"))
                .build();
        course = Catalogue.published(learnloop, ADA, "Statistics");
        plan = learnloop.commerce().createOffer(ADA, OfferDraft.membership("统计学 月度会员", PRICE,
                new MembershipTerms(MembershipPeriod.MONTH, 0, List.of(course.id()), List.of())));
        agreements = AlipayAgreements.builder(learnloop, config()).build();
    }

    private AlipayConfig config() {
        return AlipayConfig.builder(APP_ID).appPrivateKey(AlipayOfficialSdkAgreementTest.APP.getPrivate())
                .alipayPublicKey(AlipayOfficialSdkAgreementTest.ALIPAY.getPublic())
                .gatewayUrl(server.baseUrl() + "/gateway.do").notifyUrl(NOTIFY).clock(clock)
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build();
    }

    private Map<String, String> agreementNotification(String notifyId, String type, String status, String notifyTime) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("notify_id", notifyId);
        p.put("notify_time", notifyTime);
        p.put("notify_type", type);
        p.put("app_id", APP_ID);
        p.put("charset", "utf-8");
        p.put("version", "1.0");
        p.put("agreement_no", "20265301003399920304");
        p.put("external_agreement_no", "lenaStats1");
        p.put("personal_product_code", "CYCLE_PAY_AUTH_P");
        p.put("sign_scene", "INDUSTRY|DIGITAL_MEDIA");
        p.put("status", status);
        p.put("alipay_user_id", "2088102177846873");
        p.put("sign_time", "2026-03-01 17:59:00");
        p.put("valid_time", "2026-03-01 17:59:00");
        p.put("invalid_time", "2115-02-01 00:00:00");
        p.put("sign_type", "RSA2");
        p.put("sign", TestKeys.sign(AlipayOfficialSdkAgreementTest.ALIPAY.getPrivate(),
                AlipayProviderTest.content(p, List.of("sign", "sign_type")).getBytes(StandardCharsets.UTF_8)));
        return p;
    }

    private AgreementNotificationResult deliver(Map<String, String> p) {
        return agreements.handleNotification(AlipayProviderTest.form(p),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    }

    private void signed() {
        agreements.signPage(LENA, plan.id(), "lenaStats1", RETURN);
        assertThat(deliver(agreementNotification("n-1", "dut_user_sign", "NORMAL", "2026-03-01 18:00:00"))
                .disposition()).isEqualTo(AgreementDisposition.SIGNED);
    }

    private static void stubGateway(String method, String inner) {
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(method))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody(AlipayProviderTest.signedResponse(method, inner,
                                AlipayOfficialSdkAgreementTest.ALIPAY))));
    }

    private static Map<String, String> onlyRequest(String method) {
        List<LoggedRequest> all = server.findAll(postRequestedFor(urlPathEqualTo("/gateway.do"))
                .withQueryParam("method", equalTo(method)));
        assertThat(all).hasSize(1);
        return AlipayProviderTest.params(all.get(0));
    }

    // ---- signing, against the official SDK ----

    @Test
    void signPage_whenPublicKeyMode_agreesWithTheOfficialSdkPageExecute() throws Exception {
        AlipayAgreementSigning s = agreements.signPage(LENA, plan.id(), "lenaStats1", RETURN);
        Map<String, String> ours = Forms.decode(URI.create(s.signUrl()).getRawQuery());

        AlipayUserAgreementPageSignRequest official = new AlipayUserAgreementPageSignRequest();
        official.setNotifyUrl(NOTIFY);
        official.setReturnUrl(RETURN);
        official.setBizContent(ours.get("biz_content"));
        DefaultAlipayClient sdk = new DefaultAlipayClient(server.baseUrl() + "/gateway.do", APP_ID,
                AlipayOfficialSdkAgreementTest.base64(AlipayOfficialSdkAgreementTest.APP.getPrivate().getEncoded()),
                "JSON", "utf-8", AlipayOfficialSdkAgreementTest.base64(
                        AlipayOfficialSdkAgreementTest.ALIPAY.getPublic().getEncoded()), "RSA2");
        Map<String, String> officialParams = Forms.decode(URI.create(sdk.pageExecute(official, "GET").getBody())
                .getRawQuery());

        assertThat(s.subscription().status()).isEqualTo(SubscriptionStatus.INCOMPLETE);
        assertThat(ours).containsEntry("method", "alipay.user.agreement.page.sign");
        assertThat(ours.get("biz_content")).contains("\"personal_product_code\":\"CYCLE_PAY_AUTH_P\"")
                .contains("\"product_code\":\"GENERAL_WITHHOLDING\"")
                .contains("\"sign_scene\":\"INDUSTRY|DIGITAL_MEDIA\"")
                .contains("\"external_agreement_no\":\"lenaStats1\"")
                .contains("\"access_params\":{\"channel\":\"ALIPAYAPP\"}")
                .contains("\"period_type\":\"MONTH\"").contains("\"period\":1")
                .contains("\"execute_time\":\"2026-03-01\"").contains("\"single_amount\":\"30.00\"");
        AlipayOfficialSdkAgreementTest.assertSameRequest(officialParams, ours,
                AlipayOfficialSdkAgreementTest.APP.getPublic());
        AlipayOfficialSdkAgreementTest.assertSignedAsTheSdkSigns(ours, AlipayOfficialSdkAgreementTest.APP.getPrivate(),
                s.signUrl().substring(s.signUrl().indexOf('?') + 1), true);
    }

    @Test
    void signPage_whenCertificateMode_agreesWithTheOfficialSdkInCertificateMode() throws Exception {
        AlipayTestPki pki = AlipayTestPki.get();
        AlipayAgreements certMode = AlipayAgreements.builder(learnloop, AlipayConfig.builder(APP_ID)
                .appPrivateKey(pki.app.privateKey())
                .certificates(pki.app.certificate(), pki.alipayA.certificate(), pki.rootChain())
                .gatewayUrl(server.baseUrl() + "/gateway.do").notifyUrl(NOTIFY).clock(clock)
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build()).build();
        AlipayAgreementSigning s = certMode.signPage(LENA, plan.id(), "lenaStats2", null);
        Map<String, String> ours = Forms.decode(URI.create(s.signUrl()).getRawQuery());

        AlipayUserAgreementPageSignRequest official = new AlipayUserAgreementPageSignRequest();
        official.setNotifyUrl(NOTIFY);
        official.setBizContent(ours.get("biz_content"));
        CertAlipayRequest r = new CertAlipayRequest();
        r.setServerUrl(server.baseUrl() + "/gateway.do");
        r.setAppId(APP_ID);
        r.setPrivateKey(AlipayOfficialSdkAgreementTest.base64(pki.app.privateKey().getEncoded()));
        r.setFormat("JSON");
        r.setCharset("utf-8");
        r.setSignType("RSA2");
        r.setCertContent(AlipayOfficialSdkAgreementTest.pem(List.of(pki.app.certificate())));
        r.setAlipayPublicCertContent(AlipayOfficialSdkAgreementTest.pem(List.of(pki.alipayA.certificate())));
        r.setRootCertContent(AlipayOfficialSdkAgreementTest.pem(pki.rootChain()));
        DefaultAlipayClient sdk = new DefaultAlipayClient(r);
        Map<String, String> officialParams = Forms.decode(URI.create(sdk.pageExecute(official, "GET").getBody())
                .getRawQuery());

        assertThat(ours).containsKey("app_cert_sn").containsKey("alipay_root_cert_sn");
        AlipayOfficialSdkAgreementTest.assertSameRequest(officialParams, ours, pki.app.certificate().getPublicKey());
        AlipayOfficialSdkAgreementTest.assertSignedAsTheSdkSigns(ours, pki.app.privateKey(),
                s.signUrl().substring(s.signUrl().indexOf('?') + 1), true);
    }

    // ---- agreement notifications ----

    @Test
    void handleNotification_whenSignedNotificationVerifies_recordsTheAgreementOnce() throws Exception {
        agreements.signPage(LENA, plan.id(), "lenaStats1", RETURN);
        Map<String, String> p = agreementNotification("n-1", "dut_user_sign", "NORMAL", "2026-03-01 18:00:00");
        // the official SDK accepts the same notification (rsaCheckV1 drops sign and sign_type)
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(p), AlipayOfficialSdkAgreementTest.base64(
                AlipayOfficialSdkAgreementTest.ALIPAY.getPublic().getEncoded()), "utf-8", "RSA2")).isTrue();

        AgreementNotificationResult first = deliver(p);
        AgreementNotificationResult again = deliver(p);

        assertThat(first.disposition()).isEqualTo(AgreementDisposition.SIGNED);
        assertThat(first.acknowledgement().body()).isEqualTo("success");
        assertThat(again.disposition()).isEqualTo(AgreementDisposition.DUPLICATE);
    }

    @Test
    void handleNotification_whenTamperedStaleOrUnknown_rejectsAndRecordsNothing() throws Exception {
        agreements.signPage(LENA, plan.id(), "lenaStats1", RETURN);
        Map<String, String> tampered = new LinkedHashMap<>(agreementNotification("n-1", "dut_user_sign", "NORMAL",
                "2026-03-01 18:00:00"));
        tampered.put("agreement_no", "20265301009999999999");
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(tampered), AlipayOfficialSdkAgreementTest.base64(
                AlipayOfficialSdkAgreementTest.ALIPAY.getPublic().getEncoded()), "utf-8", "RSA2")).isFalse();

        assertThat(deliver(tampered).rejection()).isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(deliver(agreementNotification("n-2", "dut_user_sign", "NORMAL", "2026-02-27 18:00:00"))
                .rejection()).isEqualTo(RejectionReason.STALE_TIMESTAMP);
        Map<String, String> unknown = agreementNotification("n-3", "dut_user_sign", "NORMAL", "2026-03-01 18:00:00");
        unknown.put("external_agreement_no", "nobody1");
        unknown.put("sign", TestKeys.sign(AlipayOfficialSdkAgreementTest.ALIPAY.getPrivate(),
                AlipayProviderTest.content(unknown, List.of("sign", "sign_type")).getBytes(StandardCharsets.UTF_8)));
        AgreementNotificationResult r = deliver(unknown);
        assertThat(r.rejection()).isEqualTo(RejectionReason.UNKNOWN_SUBSCRIPTION);
        assertThat(r.acknowledgement().httpStatus()).isEqualTo(400);
        assertThat(agreements.chargeDue(10).charged()).isZero();
    }

    // ---- deductions ----

    @Test
    void chargeDue_whenAgreementSigned_deductsThePeriodAndSettlesIt() {
        signed();
        stubGateway("alipay.trade.pay", "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026030122009\","
                + "\"out_trade_no\":\"lenaStats1P1A1\",\"total_amount\":\"30.00\",\"gmt_payment\":\"2026-03-01 18:00:01\"}");

        DeductionRun run = agreements.chargeDue(10);

        assertThat(run).isEqualTo(new DeductionRun(1, 0, 0));
        Map<String, String> request = AlipayProviderTest.assertSignedByApp(onlyRequest("alipay.trade.pay"),
                "alipay.trade.pay");
        assertThat(request.get("biz_content")).contains("\"out_trade_no\":\"lenaStats1P1A1\"")
                .contains("\"total_amount\":\"30.00\"").contains("\"product_code\":\"GENERAL_WITHHOLDING\"")
                .contains("\"agreement_params\":{\"agreement_no\":\"20265301003399920304\"}");
        Subscription s = learnloop.subscriptions().byExternalId("alipay", "lenaStats1");
        assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(s.periodEnd()).isEqualTo(MembershipPeriod.MONTH.endOf(START));
        assertThat(learnloop.access().hasAccess(LENA, course.id(), START)).isTrue();
        assertThat(agreements.chargeDue(10)).isEqualTo(new DeductionRun(0, 0, 0));
    }

    @Test
    void chargeDue_whenAlipayRefuses_recordsAFailedRenewal() {
        signed();
        stubGateway("alipay.trade.pay", "{\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"sub_code\":\"ACQ.BUYER_BALANCE_NOT_ENOUGH\",\"sub_msg\":\"买家余额不足\"}");

        DeductionRun run = agreements.chargeDue(10);

        assertThat(run).isEqualTo(new DeductionRun(0, 1, 0));
        Subscription s = learnloop.subscriptions().byExternalId("alipay", "lenaStats1");
        assertThat(s.failedAttempts()).isEqualTo(1);
        assertThat(s.nextChargeAt()).isEqualTo(START.plus(java.time.Duration.ofDays(1)));
        assertThat(learnloop.commerce().ordersOf(Staff.FINANCE, LENA, null, 100).items()).isEmpty();
    }

    @Test
    void unsign_whenAgreementSigned_endsItAtAlipayAndTheSubscription() {
        signed();
        stubGateway("alipay.user.agreement.unsign", "{\"code\":\"10000\",\"msg\":\"Success\"}");

        Subscription s = agreements.unsign("lenaStats1");

        assertThat(s.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(onlyRequest("alipay.user.agreement.unsign").get("biz_content"))
                .contains("\"agreement_no\":\"20265301003399920304\"");
    }
}
