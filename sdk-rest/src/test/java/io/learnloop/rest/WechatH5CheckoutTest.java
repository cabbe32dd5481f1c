package io.learnloop.rest;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payments;
import io.learnloop.payment.Secret;
import io.learnloop.payment.wechat.WechatPayConfig;
import io.learnloop.payment.wechat.WechatPayProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.learnloop.rest.ApiFixture.LENA;
import static io.learnloop.rest.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat Pay H5 through {@code POST /orders/{id}/checkout}: the payer's address, which the host's server determined,
 * reaches WeChat as {@code scene_info.payer_client_ip}; a client cannot set it with a header.
 */
class WechatH5CheckoutTest {
    private static final String MCH_ID = "1900009191";
    private static final String APP_ID = "wxd678efh567hg6787";
    private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
    private static final String PLATFORM_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    private static final KeyPair MERCHANT = rsa();
    private static final KeyPair PLATFORM = rsa();

    private final WireMockServer wechat = started();
    private final ApiFixture f = new ApiFixture();
    private final RestApi api = RestApi.builder(f.learnloop).payments(Payments.builder(f.learnloop)
            .provider(new WechatPayProvider(WechatPayConfig.builder(MCH_ID, APP_ID)
                    .merchantKey("3775B6A45ACD588826D15E583A95F5DD2C3A4F1B", MERCHANT.getPrivate())
                    .apiV3Key(Secret.of(API_V3_KEY))
                    .verificationKey(PLATFORM_SERIAL, PLATFORM.getPublic())
                    .baseUrl("http://localhost:" + wechat.port()).notifyUrl("https://shop.example/notify/wechat")
                    .clock(f.clock).ids(IdGenerator.sequential("nonce"))
                    .http(SharedHttpClient.builder().sleeper(d -> { }).build()).build()))
            .build()).build();

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        wechat.stop();
    }

    private RestResponse checkout(String orderId, RestRequest request) {
        RestResponse r = api.handle(request);
        OpenApiContract.check(request, r);
        return r;
    }

    private static RestRequest h5(String orderId) {
        return RestRequest.of("POST", "/orders/" + orderId + "/checkout", LENA)
                .withJson("{\"provider\":\"wechatpay\",\"flow\":\"H5\"}").withHeader("Idempotency-Key", "pay-" + orderId);
    }

    @Test
    void checkout_whenH5_sendsTheClientAddressAsPayerClientIp() {
        String order = f.placeOrder(LENA, f.javaOffer, "order-1");
        wechat.stubFor(post(urlPathEqualTo("/v3/pay/transactions/h5")).willReturn(signed(
                "{\"h5_url\":\"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=1\"}")));

        RestResponse r = checkout(order, h5(order).withClientAddress("203.0.113.9")
                .withHeader("X-Forwarded-For", "198.51.100.66"));

        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        assertThat(json(r).toString()).contains("https://wx.tenpay.com/");
        wechat.verify(1, postRequestedFor(urlPathEqualTo("/v3/pay/transactions/h5"))
                .withRequestBody(matchingJsonPath("$.scene_info.payer_client_ip", equalTo("203.0.113.9"))));
    }

    @Test
    void checkout_whenH5AndTheClientAddressIsUnknown_answers400NamingPayerClientIpAndCallsNobody() {
        String order = f.placeOrder(LENA, f.javaOffer, "order-2");

        RestResponse r = checkout(order, h5(order).withHeader("X-Forwarded-For", "198.51.100.66"));

        assertThat(r.status()).as(r.bodyText()).isEqualTo(400);
        assertThat(json(r).get("errors").findValuesAsText("field")).contains("payerClientIp");
        wechat.verify(0, postRequestedFor(anyUrl()));
    }

    /** A 200 answer signed the way WeChat Pay signs its responses, so the provider verifies it. */
    private ResponseDefinitionBuilder signed(String body) {
        long now = f.clock.instant().getEpochSecond();
        String nonce = "n" + now;
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Wechatpay-Timestamp", String.valueOf(now)).withHeader("Wechatpay-Nonce", nonce)
                .withHeader("Wechatpay-Serial", PLATFORM_SERIAL)
                .withHeader("Wechatpay-Signature", sign(now + "\n" + nonce + "\n" + body + "\n"))
                .withBody(body);
    }

    private static String sign(String text) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(PLATFORM.getPrivate());
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
