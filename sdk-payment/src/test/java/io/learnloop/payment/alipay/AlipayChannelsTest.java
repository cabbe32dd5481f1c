package io.learnloop.payment.alipay;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.AlipayAppOrder;
import io.learnloop.payment.AlipayPageForm;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.spi.Capability;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.testing.Forms;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The three channels that the payer's client carries to Alipay, signed here and sent nowhere by the SDK: PC page pay
 * ({@code alipay.trade.page.pay}), mobile website pay ({@code alipay.trade.wap.pay}) and app pay
 * ({@code alipay.trade.app.pay}), in public-key mode and in certificate mode. Signatures are checked with the
 * application's public key over the content computed independently of the SDK's code.
 */
class AlipayChannelsTest {
    static final String APP_ID = AlipayProviderTest.APP_ID;
    static final Money PRICE = Money.ofMinor(9900, "CNY");

    @RegisterExtension
    static final StubServer server = new StubServer();

    // 2026-03-01 18:00:00 in Beijing
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    AlipayProvider publicKeyMode() {
        return new AlipayProvider(AlipayConfig.builder(APP_ID).appPrivateKey(AlipayProviderTest.APP.getPrivate())
                .alipayPublicKey(AlipayProviderTest.ALIPAY_NEW.getPublic())
                .gatewayUrl(server.baseUrl() + "/gateway.do").notifyUrl("https://shop.example/notify/alipay")
                .clock(clock).http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build());
    }

    AlipayProvider certificateMode() {
        AlipayTestPki pki = AlipayTestPki.get();
        return new AlipayProvider(AlipayConfig.builder(APP_ID).appPrivateKey(pki.app.privateKey())
                .certificates(pki.app.certificate(), pki.alipayA.certificate(), pki.rootChain())
                .gatewayUrl(server.baseUrl() + "/gateway.do").notifyUrl("https://shop.example/notify/alipay")
                .clock(clock).http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build());
    }

    static CreatePaymentRequest.Builder request(String reference, PaymentFlow flow) {
        return CreatePaymentRequest.builder(reference, PRICE, flow).description("Java 课程 & \"引号\" <b>");
    }

    static Map<String, String> signedByApp(Map<String, String> p, String method) {
        assertThat(p).containsEntry("app_id", APP_ID).containsEntry("method", method).containsEntry("charset", "utf-8")
                .containsEntry("sign_type", "RSA2").containsEntry("format", "JSON").containsEntry("version", "1.0")
                .containsEntry("timestamp", "2026-03-01 18:00:00")
                .containsEntry("notify_url", "https://shop.example/notify/alipay");
        String content = AlipayProviderTest.content(p, List.of("sign"));
        assertThat(TestKeys.verify(AlipayProviderTest.APP.getPublic(), content.getBytes(StandardCharsets.UTF_8), p.get("sign")))
                .as("RSA2 signature over every parameter but sign").isTrue();
        return p;
    }

    /** What a browser submits for the form: the action's query parameters plus the hidden fields, HTML-unescaped. */
    static Map<String, String> submitted(String html) {
        Matcher action = Pattern.compile("<form name=\"punchout_form\" method=\"post\" action=\"([^\"]*)\">").matcher(html);
        assertThat(action.find()).as("a POST form").isTrue();
        URI uri = URI.create(unescape(action.group(1)));
        Map<String, String> all = new LinkedHashMap<>(Forms.decode(uri.getRawQuery()));
        Matcher field = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">").matcher(html);
        while (field.find()) {
            all.put(unescape(field.group(1)), unescape(field.group(2)));
        }
        assertThat(html).endsWith("<script>document.forms[0].submit();</script>");
        return all;
    }

    static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&");
    }

    static Map<String, String> urlParams(String url) {
        return Forms.decode(URI.create(url).getRawQuery());
    }

    void assertNothingSent() {
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    // ---- WAP ----

    @Test
    void create_whenWap_signsWapPayWithQuitUrlAsUrlAndForm() {
        PaymentSession s = publicKeyMode().create(request("order-4001", PaymentFlow.WAP)
                .returnUrl("https://m.shop.example/paid?o=4001").cancelUrl("https://m.shop.example/cart")
                .expiresAt(Instant.parse("2026-03-01T10:30:00Z")).build());

        assertThat(s.flow()).isEqualTo(PaymentFlow.WAP);
        assertThat(URI.create(s.redirectUrl()).getPath()).isEqualTo("/gateway.do");
        Map<String, String> p = signedByApp(urlParams(s.redirectUrl()), "alipay.trade.wap.pay");
        assertThat(p).containsEntry("return_url", "https://m.shop.example/paid?o=4001")
                .containsEntry("biz_content", "{\"out_trade_no\":\"order-4001\",\"total_amount\":\"99.00\","
                        + "\"subject\":\"Java 课程 & \\\"引号\\\" <b>\",\"time_expire\":\"2026-03-01 18:30:00\","
                        + "\"product_code\":\"QUICK_WAP_WAY\",\"quit_url\":\"https://m.shop.example/cart\"}");
        assertThat(submitted(s.alipayForm().html())).as("the form submits the same signed request").isEqualTo(p);
        assertThat(s.alipayAppOrder()).isNull();
        assertNothingSent();
    }

    @Test
    void create_whenWapWithoutCancelUrl_quitsToTheReturnUrl() {
        PaymentSession s = publicKeyMode().create(request("order-4002", PaymentFlow.WAP)
                .returnUrl("https://m.shop.example/paid").build());
        assertThat(urlParams(s.redirectUrl()).get("biz_content")).contains("\"quit_url\":\"https://m.shop.example/paid\"");
    }

    @Test
    void create_whenWapWithoutReturnUrl_isRefusedNamingIt() {
        assertThatThrownBy(() -> request("order-4003", PaymentFlow.WAP).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).contains("returnUrl").contains("WAP");
                });
    }

    @Test
    void create_whenReturnOrQuitUrlIsNotAnAbsoluteHttpUrl_isRefusedBeforeSigning() {
        AlipayProvider alipay = publicKeyMode();
        assertThatThrownBy(() -> alipay.create(request("order-4004", PaymentFlow.WAP).returnUrl("/paid").build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("returnUrl")
                        .contains("absolute http(s) URL"));
        assertThatThrownBy(() -> alipay.create(request("order-4005", PaymentFlow.WAP).returnUrl("https://m.shop.example/paid")
                .cancelUrl("javascript:alert(1)").build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("cancelUrl"));
        assertThatThrownBy(() -> alipay.create(request("order-4006", PaymentFlow.REDIRECT)
                .returnUrl("https://shop.example/" + "p".repeat(300)).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("returnUrl"));
        assertNothingSent();
    }

    // ---- PC page ----

    @Test
    void create_whenPagePay_formPostsBizContentAndCarriesTheSignedRestInTheAction() {
        PaymentSession s = publicKeyMode().create(request("order-4010", PaymentFlow.REDIRECT)
                .returnUrl("https://shop.example/paid").build());

        Map<String, String> p = signedByApp(urlParams(s.redirectUrl()), "alipay.trade.page.pay");
        assertThat(p).containsEntry("return_url", "https://shop.example/paid");
        assertThat(p.get("biz_content")).contains("\"product_code\":\"FAST_INSTANT_TRADE_PAY\"").doesNotContain("quit_url");
        AlipayPageForm form = s.alipayForm();
        assertThat(form.fields()).containsOnlyKeys("biz_content").containsEntry("biz_content", p.get("biz_content"));
        Map<String, String> inAction = urlParams(form.action());
        assertThat(inAction).doesNotContainKey("biz_content").containsEntry("sign", p.get("sign"));
        assertThat(submitted(form.html())).isEqualTo(p);
        assertThat(form.html()).doesNotContain("<b>").contains("&lt;b&gt;");
        assertThat(form.toString()).doesNotContain(p.get("sign")).contains("(signed)");
        assertNothingSent();
    }

    @Test
    void create_whenPagePayWithoutReturnUrl_signsWithoutOne() {
        // Alipay's return_url is optional for page pay: the payer then stays on Alipay's result page
        Map<String, String> p = signedByApp(urlParams(publicKeyMode().create(request("order-4011", PaymentFlow.REDIRECT)
                .build()).redirectUrl()), "alipay.trade.page.pay");
        assertThat(p).doesNotContainKey("return_url");
    }

    // ---- App ----

    @Test
    void create_whenApp_returnsTheSignedSortedOrderString() {
        PaymentSession s = publicKeyMode().create(request("order-4020", PaymentFlow.APP).build());

        AlipayAppOrder order = s.alipayAppOrder();
        assertThat(s.redirectUrl()).isNull();
        assertThat(s.app()).as("no WeChat parameters").isNull();
        Map<String, String> p = signedByApp(Forms.decode(order.orderString()), "alipay.trade.app.pay");
        assertThat(p).doesNotContainKey("return_url").containsEntry("biz_content", "{\"out_trade_no\":\"order-4020\","
                + "\"total_amount\":\"99.00\",\"subject\":\"Java 课程 & \\\"引号\\\" <b>\",\"product_code\":\"QUICK_MSECURITY_PAY\"}");
        List<String> names = new ArrayList<>(p.keySet());
        assertThat(names).as("sorted by name, sign among them").isSorted().contains("sign");
        assertThat(order.orderString()).doesNotContain(" ").doesNotContain("\"").doesNotContain("{");
        assertThat(order.toString()).doesNotContain(p.get("sign"));
        assertThat(s.toString()).doesNotContain(p.get("sign"));
        assertNothingSent();
    }

    @Test
    void capabilities_includeTheThreeChannels() {
        assertThat(publicKeyMode().capabilities()).contains(Capability.REDIRECT, Capability.WAP, Capability.APP,
                Capability.QR_CODE).doesNotContain(Capability.H5, Capability.JSAPI, Capability.CLIENT_SECRET);
    }

    @Test
    void create_whenFlowIsNotAlipays_isRefusedNamingTheFlows() {
        assertThatThrownBy(() -> publicKeyMode().create(request("order-4021", PaymentFlow.CLIENT_SECRET).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("flow")
                        .contains("WAP").contains("APP"));
        assertThatThrownBy(() -> publicKeyMode().create(CreatePaymentRequest.builder("order-4022", Money.ofMinor(100, "USD"),
                PaymentFlow.APP).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("CNY"));
        assertNothingSent();
    }

    @Test
    void create_whenExpiryIsLessThanAMinuteAway_isRefusedNamingExpiresAtAndSendsNothing() {
        AlipayProvider alipay = publicKeyMode();
        for (Instant expiry : java.util.List.of(clock.instant().plusSeconds(59), clock.instant().minusSeconds(600))) {
            for (PaymentFlow flow : java.util.List.of(PaymentFlow.REDIRECT, PaymentFlow.APP, PaymentFlow.QR_CODE)) {
                assertThatThrownBy(() -> alipay.create(request("order-4023", flow).returnUrl("https://shop.example/paid")
                        .expiresAt(expiry).build())).as(flow + " until " + expiry)
                        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage())
                                .contains("expiresAt").contains("1 minute"));
            }
        }
        assertNothingSent();
        PaymentSession shortest = alipay.create(request("order-4024", PaymentFlow.APP)
                .expiresAt(clock.instant().plusSeconds(60)).build());
        assertThat(Forms.decode(shortest.alipayAppOrder().orderString()).get("biz_content"))
                .contains("\"time_expire\":\"2026-03-01 18:01:00\"");
    }

    // ---- certificate mode ----

    @Test
    void create_inCertificateMode_everyChannelSignsBothSerialNumbers() {
        AlipayProvider alipay = certificateMode();
        PaymentSession page = alipay.create(request("order-4030", PaymentFlow.REDIRECT).returnUrl("https://shop.example/paid").build());
        PaymentSession wap = alipay.create(request("order-4031", PaymentFlow.WAP).returnUrl("https://m.shop.example/paid").build());
        PaymentSession app = alipay.create(request("order-4032", PaymentFlow.APP).build());

        assertThat(AlipayCertificateModeTest.assertSignedWithBothSerialNumbers(urlParams(page.redirectUrl())))
                .containsEntry("method", "alipay.trade.page.pay");
        assertThat(AlipayCertificateModeTest.assertSignedWithBothSerialNumbers(submitted(page.alipayForm().html())))
                .containsEntry("method", "alipay.trade.page.pay");
        assertThat(AlipayCertificateModeTest.assertSignedWithBothSerialNumbers(submitted(wap.alipayForm().html())))
                .containsEntry("method", "alipay.trade.wap.pay");
        assertThat(AlipayCertificateModeTest.assertSignedWithBothSerialNumbers(Forms.decode(app.alipayAppOrder().orderString())))
                .containsEntry("method", "alipay.trade.app.pay");
        assertNothingSent();
    }

    @Test
    void create_inCertificateModeWithExpiredAppCertificate_refusesToSign() {
        AlipayProvider alipay = certificateMode();
        clock.set(Instant.parse("2028-01-02T00:00:00Z"));   // the application certificate ends 2028-01-01
        for (PaymentFlow flow : List.of(PaymentFlow.REDIRECT, PaymentFlow.WAP, PaymentFlow.APP)) {
            assertThatThrownBy(() -> alipay.create(request("order-4033", flow).returnUrl("https://shop.example/paid").build()))
                    .as(flow.name()).isInstanceOfSatisfying(AlipayCertificateException.class, e -> {
                        assertThat(e.problem()).isEqualTo(AlipayCertificateException.Problem.EXPIRED);
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                        assertThat(e.outcomeUnknown()).isFalse();
                    });
        }
        assertNothingSent();
    }
}
