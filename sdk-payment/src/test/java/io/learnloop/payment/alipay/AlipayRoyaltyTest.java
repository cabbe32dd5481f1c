package io.learnloop.payment.alipay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.money.Money;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.Payout;
import io.learnloop.payment.PayoutDestination;
import io.learnloop.payment.PayoutReport;
import io.learnloop.payment.PayoutStatus;
import io.learnloop.payment.Payouts;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.payout.PayoutFixture;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import io.learnloop.payment.testing.TestStores;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class AlipayRoyaltyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRADE_NO = "2026113022001404500512345678";
    private static final String SETTLE = "alipay.trade.order.settle";
    private static final String QUERY = "alipay.trade.order.settle.query";
    private static final Map<LedgerAccount, PayoutDestination> RECEIVERS = Map.of(
            PayoutFixture.ADA, new PayoutDestination("userId", "2088101126765726", null),
            PayoutFixture.GRACE, new PayoutDestination("userId", "2088101126708402", "格蕾丝"),
            PayoutFixture.AFF1, new PayoutDestination("loginName", "aff1@example.com", null));

    @RegisterExtension
    static final StubServer server = new StubServer();

    private Payouts payouts(PayoutFixture f) {
        AlipayConfig config = AlipayConfig.builder(AlipayProviderTest.APP_ID)
                .appPrivateKey(AlipayProviderTest.APP.getPrivate()).alipayPublicKey(AlipayProviderTest.ALIPAY_NEW.getPublic())
                .gatewayUrl(server.baseUrl() + "/gateway.do").notifyUrl("https://shop.example/notify/alipay")
                .sellerId(AlipayProviderTest.SELLER_ID).clock(f.clock)
                .http(SharedHttpClient.builder().sleeper(d -> { }).build()).build();
        return Payouts.builder(f.learnloop).channel(new AlipayRoyalty(config))
                .destinations((provider, payee) -> RECEIVERS.get(payee)).description("课程分成").build();
    }

    private static void settleAnswers(String account, String inner) {
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(SETTLE))
                .withRequestBody(containing(account))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody(AlipayProviderTest.signedResponse(SETTLE, inner, AlipayProviderTest.ALIPAY_NEW))));
    }

    private static List<LoggedRequest> settlesTo(String account) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(SETTLE))
                .withRequestBody(containing(account)));
    }

    private static JsonNode biz(LoggedRequest r) throws Exception {
        return JSON.readTree(AlipayProviderTest.params(r).get("biz_content"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void splitOrder_whenOneSettlesOneIsBusyAndOneIsRefused_postsOnlySettledRoyaltiesAndReconcileConfirmsTheBusyOne(
            String kind) throws Exception {
        try (TestStores.Backend store = TestStores.open(kind)) {
            PayoutFixture f = new PayoutFixture(store.store());
            Order order = f.paid("alipay", TRADE_NO, "CNY");
            Payouts payouts = payouts(f);
            settleAnswers("2088101126765726", "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"" + TRADE_NO
                    + "\",\"settle_no\":\"20261130002530020036530021395831\"}");
            settleAnswers("2088101126708402", "{\"code\":\"20000\",\"msg\":\"Service Currently Unavailable\","
                    + "\"sub_code\":\"aop.ACQ.SYSTEM_ERROR\",\"sub_msg\":\"系统繁忙\"}");
            settleAnswers("aff1%40example.com", "{\"code\":\"40004\",\"msg\":\"Business Failed\","
                    + "\"sub_code\":\"ACQ.TRADE_SETTLE_ERROR\",\"sub_msg\":\"分账收入方账户不存在\"}");

            PayoutReport first = payouts.splitOrder(PayoutFixture.FINANCE, ProviderId.ALIPAY, order.id());

            Map<LedgerAccount, Payout> byPayee = first.payouts().stream()
                    .collect(Collectors.toMap(Payout::payee, p -> p));
            assertThat(byPayee.get(PayoutFixture.ADA).status()).isEqualTo(PayoutStatus.CONFIRMED);
            assertThat(byPayee.get(PayoutFixture.GRACE).status()).isEqualTo(PayoutStatus.SENT);
            assertThat(byPayee.get(PayoutFixture.AFF1).status()).isEqualTo(PayoutStatus.PARKED);
            assertThat(byPayee.get(PayoutFixture.AFF1).detail()).contains("ACQ.TRADE_SETTLE_ERROR");
            LoggedRequest ada = settlesTo("2088101126765726").get(0);
            Map<String, String> p = AlipayProviderTest.params(ada);
            assertThat(TestKeys.verify(AlipayProviderTest.APP.getPublic(), AlipayProviderTest.content(p, List.of("sign"))
                    .getBytes(StandardCharsets.UTF_8), p.get("sign"))).isTrue();
            JsonNode biz = biz(ada);
            assertThat(biz.path("out_request_no").asText()).isEqualTo(byPayee.get(PayoutFixture.ADA).payoutKey())
                    .hasSizeLessThanOrEqualTo(32);
            assertThat(biz.path("trade_no").asText()).isEqualTo(TRADE_NO);
            JsonNode royalty = biz.path("royalty_parameters").get(0);
            assertThat(royalty.path("royalty_type").asText()).isEqualTo("transfer");
            assertThat(royalty.path("trans_in_type").asText()).isEqualTo("userId");
            assertThat(royalty.path("trans_in").asText()).isEqualTo("2088101126765726");
            assertThat(royalty.path("amount").asText()).isEqualTo("45.50");
            assertThat(royalty.has("trans_in_name")).isFalse();
            assertThat(biz(settlesTo("2088101126708402").get(0)).path("royalty_parameters").get(0)
                    .path("trans_in_name").asText()).isEqualTo("格蕾丝");

            String graceKey = byPayee.get(PayoutFixture.GRACE).payoutKey();
            server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(QUERY))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                            .withBody(AlipayProviderTest.signedResponse(QUERY, "{\"code\":\"10000\",\"msg\":\"Success\","
                                    + "\"out_request_no\":\"" + graceKey + "\",\"operation_dt\":\"2026-11-30 17:00:01\","
                                    + "\"royalty_detail_list\":[{\"operation_type\":\"transfer\",\"execute_dt\":\"2026-11-30 17:00:01\","
                                    + "\"trans_in\":\"2088101126708402\",\"trans_in_type\":\"userId\",\"amount\":\"19.50\","
                                    + "\"state\":\"SUCCESS\",\"detail_id\":\"20261130002530020036530021395832\"}]}",
                                    AlipayProviderTest.ALIPAY_NEW))));

            PayoutReport settled = payouts.reconcile(PayoutFixture.FINANCE, 10);

            assertThat(settled.confirmed()).isEqualTo(1);
            JsonNode asked = biz(server.findAll(postRequestedFor(urlPathEqualTo("/gateway.do"))
                    .withQueryParam("method", equalTo(QUERY))).get(0));
            assertThat(asked.path("out_request_no").asText()).isEqualTo(graceKey);
            assertThat(asked.path("trade_no").asText()).isEqualTo(TRADE_NO);
            assertThat(settlesTo("2088101126708402")).extracting(r -> biz(r).path("out_request_no").asText())
                    .containsOnly(graceKey);
            assertThat(f.balance(PayoutFixture.ADA, "CNY").isZero()).isTrue();
            assertThat(f.balance(PayoutFixture.GRACE, "CNY").isZero()).isTrue();
            assertThat(f.balance(PayoutFixture.AFF1, "CNY")).isEqualTo(Money.ofMinor(1000, "CNY"));
            assertThat(-f.balance(LedgerAccount.clearing("alipay"), "CNY").minor()).isEqualTo(10000 - 4550 - 1950);
            assertThat(f.sumOfBalances("CNY")).isZero();
        }
    }
}
