package io.learnloop.payment.wechat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.payments.app.AppServiceExtension;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.h5.model.H5Info;
import com.wechat.pay.java.service.payments.h5.model.SceneInfo;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayWithRequestPaymentResponse;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Secret;
import io.learnloop.payment.WechatAppParameters;
import io.learnloop.payment.WechatJsapiParameters;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.learnloop.payment.wechat.WechatPayProviderTest.API_V3_KEY;
import static io.learnloop.payment.wechat.WechatPayProviderTest.APP_ID;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MCH_ID;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MERCHANT;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MERCHANT_SERIAL;
import static io.learnloop.payment.wechat.WechatPayProviderTest.PLATFORM;
import static io.learnloop.payment.wechat.WechatPayProviderTest.PLATFORM_SERIAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat Pay's official Java SDK (wechatpay-java) and this provider, given the same inputs, send the same order and
 * hand the payer's client the same signed parameters. The official SDK runs its own code end to end against the same
 * stub (its requests are redirected there at the socket), signs with the same merchant key and verifies the stub's
 * answers with the same platform key; its timestamp and nonce are then given to this provider (clock and nonce
 * source), and because SHA256withRSA (PKCS#1 v1.5) is deterministic the signatures must be the same bytes.
 */
class WechatOfficialSdkAgreementTest {
    static final String OFFICIAL_ACCOUNT = "wx8888888888888888";
    static final String MOBILE_APP = "wx6666666666666666";
    static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    static final String PREPAY_ID = "wx201410272009395522657a690389285100";

    @RegisterExtension
    static final StubServer server = new StubServer();

    /** The official SDK's configuration: the same merchant key, and the platform key under its serial. */
    static RSAPublicKeyConfig officialConfig() {
        return new RSAPublicKeyConfig.Builder().merchantId(MCH_ID).privateKey(MERCHANT.getPrivate())
                .merchantSerialNumber(MERCHANT_SERIAL).publicKey(PLATFORM.getPublic()).publicKeyId(PLATFORM_SERIAL)
                .apiV3Key(API_V3_KEY).build();
    }

    /** The official SDK's own HTTP client, its requests sent to the stub instead of api.mch.weixin.qq.com. */
    static HttpClient officialHttp(RSAPublicKeyConfig config) {
        OkHttpClient toStub = new OkHttpClient.Builder().addInterceptor(chain -> {
            HttpUrl url = chain.request().url().newBuilder().scheme("http").host("localhost").port(server.port()).build();
            return chain.proceed(chain.request().newBuilder().url(url).build());
        }).build();
        return new DefaultHttpClientBuilder().config(config).okHttpClient(toStub).build();
    }

    /** This provider at the official SDK's signing time, with its nonce as the next (and only) nonce. */
    static WechatPayProvider ours(long timestamp, String nonce) {
        return new WechatPayProvider(WechatPayConfig.builder(MCH_ID, APP_ID)
                .appId(PaymentFlow.JSAPI, OFFICIAL_ACCOUNT).appId(PaymentFlow.APP, MOBILE_APP)
                .merchantKey(MERCHANT_SERIAL, MERCHANT.getPrivate()).apiV3Key(Secret.of(API_V3_KEY))
                .verificationKey(PLATFORM_SERIAL, PLATFORM.getPublic())
                .baseUrl(server.baseUrl()).notifyUrl("https://shop.example/notify/wechat")
                .clock(new MutableClock(Instant.ofEpochSecond(timestamp))).ids(() -> nonce)
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build());
    }

    /** The official SDK checks the answer's timestamp against the real clock, so the stub signs at the real time. */
    static void stub(String path, String body) {
        server.stubFor(post(path).willReturn(WechatPayProviderTest.signedAt(200, body, Instant.now().getEpochSecond())));
    }

    static void assertSameOrder(String path) {
        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(sent).hasSize(2);
        assertThat(equalToJson(sent.get(0).getBodyAsString()).match(sent.get(1).getBodyAsString()).isExactMatch())
                .as("official %s%nours     %s", sent.get(0).getBodyAsString(), sent.get(1).getBodyAsString()).isTrue();
        WechatPayProviderTest.assertSignedByMerchant(sent.get(1),
                Long.parseLong(sent.get(1).getHeader("Authorization").replaceAll(".*timestamp=\"(\\d+)\".*", "$1")));
    }

    @Test
    void create_whenJsapi_sendsTheOfficialSdksOrderAndProducesItsPaySign() {
        stub("/v3/pay/transactions/jsapi", "{\"prepay_id\":\"" + PREPAY_ID + "\"}");
        RSAPublicKeyConfig config = officialConfig();
        var request = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
        request.setAppid(OFFICIAL_ACCOUNT);
        request.setMchid(MCH_ID);
        request.setDescription("Java 课程");
        request.setOutTradeNo("order-3001");
        request.setNotifyUrl("https://shop.example/notify/wechat");
        var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
        amount.setTotal(9900);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        Payer payer = new Payer();
        payer.setOpenid(OPENID);
        request.setPayer(payer);
        PrepayWithRequestPaymentResponse official = new JsapiServiceExtension.Builder().config(config)
                .httpClient(officialHttp(config)).build().prepayWithRequestPayment(request);

        PaymentSession s = ours(Long.parseLong(official.getTimeStamp()), official.getNonceStr()).create(
                CreatePaymentRequest.builder("order-3001", Money.ofMinor(9900, "CNY"), PaymentFlow.JSAPI)
                        .description("Java 课程").payerId(OPENID).build());

        assertSameOrder("/v3/pay/transactions/jsapi");
        assertThat(s.jsapi()).isEqualTo(new WechatJsapiParameters(official.getAppId(), official.getTimeStamp(),
                official.getNonceStr(), official.getPackageVal(), official.getSignType(), official.getPaySign()));
    }

    @Test
    void create_whenApp_sendsTheOfficialSdksOrderAndProducesItsSign() {
        stub("/v3/pay/transactions/app", "{\"prepay_id\":\"" + PREPAY_ID + "\"}");
        RSAPublicKeyConfig config = officialConfig();
        var request = new com.wechat.pay.java.service.payments.app.model.PrepayRequest();
        request.setAppid(MOBILE_APP);
        request.setMchid(MCH_ID);
        request.setDescription("Java 课程");
        request.setOutTradeNo("order-3002");
        request.setNotifyUrl("https://shop.example/notify/wechat");
        var amount = new com.wechat.pay.java.service.payments.app.model.Amount();
        amount.setTotal(9900);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        var official = new AppServiceExtension.Builder().config(config).httpClient(officialHttp(config)).build()
                .prepayWithRequestPayment(request);

        PaymentSession s = ours(Long.parseLong(official.getTimestamp()), official.getNonceStr()).create(
                CreatePaymentRequest.builder("order-3002", Money.ofMinor(9900, "CNY"), PaymentFlow.APP)
                        .description("Java 课程").build());

        assertSameOrder("/v3/pay/transactions/app");
        assertThat(s.app()).isEqualTo(new WechatAppParameters(official.getAppid(), official.getPartnerId(),
                official.getPrepayId(), official.getPackageVal(), official.getNonceStr(), official.getTimestamp(),
                official.getSign()));
    }

    @Test
    void create_whenH5_sendsTheOfficialSdksOrderAndTheSameH5Url() {
        stub("/v3/pay/transactions/h5", "{\"h5_url\":\"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=1\"}");
        RSAPublicKeyConfig config = officialConfig();
        var request = new com.wechat.pay.java.service.payments.h5.model.PrepayRequest();
        request.setAppid(APP_ID);
        request.setMchid(MCH_ID);
        request.setDescription("Java 课程");
        request.setOutTradeNo("order-3003");
        request.setNotifyUrl("https://shop.example/notify/wechat");
        var amount = new com.wechat.pay.java.service.payments.h5.model.Amount();
        amount.setTotal(9900);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        SceneInfo scene = new SceneInfo();
        scene.setPayerClientIp("203.0.113.7");
        H5Info h5 = new H5Info();
        h5.setType("Wap");
        scene.setH5Info(h5);
        request.setSceneInfo(scene);
        String officialUrl = new H5Service.Builder().httpClient(officialHttp(config)).build().prepay(request).getH5Url();

        PaymentSession s = ours(Instant.now().getEpochSecond(), "n0nce").create(
                CreatePaymentRequest.builder("order-3003", Money.ofMinor(9900, "CNY"), PaymentFlow.H5)
                        .description("Java 课程").payerClientIp("203.0.113.7").build());

        assertSameOrder("/v3/pay/transactions/h5");
        assertThat(s.redirectUrl()).isEqualTo(officialUrl);
    }
}
