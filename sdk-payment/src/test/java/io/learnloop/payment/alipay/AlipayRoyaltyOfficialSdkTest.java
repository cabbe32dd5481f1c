package io.learnloop.payment.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeOrderSettleModel;
import com.alipay.api.domain.AlipayTradeOrderSettleQueryModel;
import com.alipay.api.domain.OpenApiRoyaltyDetailInfoPojo;
import com.alipay.api.request.AlipayTradeOrderSettleQueryRequest;
import com.alipay.api.request.AlipayTradeOrderSettleRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.commerce.Order;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.Payout;
import io.learnloop.payment.PayoutDestination;
import io.learnloop.payment.Payouts;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.payout.PayoutFixture;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.core.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The royalty requests agree with the official Alipay SDK's models for the same values. */
class AlipayRoyaltyOfficialSdkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRADE_NO = "2026113022001404500512345678";

    @RegisterExtension
    static final StubServer server = new StubServer();

    @Test
    void settleAndQuery_whenComparedWithTheOfficialSdk_sendTheSameBizContent() throws Exception {
        PayoutFixture f = new PayoutFixture(Stores.inMemory());
        Order order = f.paid("alipay", TRADE_NO, "CNY");
        for (String method : List.of("alipay.trade.order.settle", "alipay.trade.order.settle.query")) {
            String inner = method.endsWith("query")
                    ? "{\"code\":\"10000\",\"msg\":\"Success\",\"royalty_detail_list\":[]}"
                    : "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"" + TRADE_NO + "\",\"settle_no\":\"1\"}";
            server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(method))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                            .withBody(AlipayProviderTest.signedResponse(method, inner, AlipayProviderTest.ALIPAY_NEW))));
        }
        AlipayRoyalty royalty = new AlipayRoyalty(AlipayConfig.builder(AlipayProviderTest.APP_ID)
                .appPrivateKey(AlipayProviderTest.APP.getPrivate()).alipayPublicKey(AlipayProviderTest.ALIPAY_NEW.getPublic())
                .gatewayUrl(server.baseUrl() + "/gateway.do").notifyUrl("https://shop.example/notify/alipay")
                .clock(f.clock).http(SharedHttpClient.builder().sleeper(d -> { }).build()).build());
        Payouts payouts = Payouts.builder(f.learnloop).channel(royalty)
                .destinations((provider, payee) -> payee.equals(PayoutFixture.ADA)
                        ? new PayoutDestination("userId", "2088101126765726", "艾达") : null)
                .description("课程分成").build();
        Payout ada = payouts.splitOrder(PayoutFixture.FINANCE, ProviderId.ALIPAY, order.id()).payouts().stream()
                .filter(p -> p.payee().equals(PayoutFixture.ADA)).findFirst().orElseThrow();
        JsonNode ours = bizOf("alipay.trade.order.settle").get(0);

        AlipayTradeOrderSettleModel model = new AlipayTradeOrderSettleModel();
        model.setOutRequestNo(ada.payoutKey());
        model.setTradeNo(TRADE_NO);
        OpenApiRoyaltyDetailInfoPojo detail = new OpenApiRoyaltyDetailInfoPojo();
        detail.setRoyaltyType("transfer");
        detail.setTransInType("userId");
        detail.setTransIn("2088101126765726");
        detail.setTransInName("艾达");
        detail.setAmount("45.50");
        detail.setDesc("课程分成");
        model.setRoyaltyParameters(List.of(detail));
        AlipayTradeOrderSettleRequest settle = new AlipayTradeOrderSettleRequest();
        settle.setBizModel(model);
        AlipayTradeOrderSettleQueryModel queryModel = new AlipayTradeOrderSettleQueryModel();
        queryModel.setOutRequestNo(ada.payoutKey());
        queryModel.setTradeNo(TRADE_NO);
        AlipayTradeOrderSettleQueryRequest query = new AlipayTradeOrderSettleQueryRequest();
        query.setBizModel(queryModel);
        DefaultAlipayClient sdk = new DefaultAlipayClient(server.baseUrl() + "/gateway.do", AlipayProviderTest.APP_ID,
                Base64.getEncoder().encodeToString(AlipayProviderTest.APP.getPrivate().getEncoded()), "JSON", "utf-8",
                Base64.getEncoder().encodeToString(AlipayProviderTest.ALIPAY_NEW.getPublic().getEncoded()), "RSA2");
        execute(() -> sdk.execute(settle));
        execute(() -> sdk.execute(query));
        royalty.query(new io.learnloop.payment.spi.PayoutTransfer(ada.payoutKey(), PayoutFixture.ADA,
                PayoutDestination.of("2088101126765726"), ada.amount(), TRADE_NO, "g", "d", null));

        assertThat(ours).isEqualTo(bizOf("alipay.trade.order.settle").get(1));
        List<JsonNode> queries = bizOf("alipay.trade.order.settle.query");
        assertThat(queries.get(1)).isEqualTo(queries.get(0));
    }

    private interface Call {
        void run() throws AlipayApiException;
    }

    private static void execute(Call call) {
        try {
            call.run();
        } catch (AlipayApiException e) {
            // the request was sent and recorded; only what was sent is compared
        }
    }

    private static List<JsonNode> bizOf(String method) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(method)))
                .stream().map(AlipayRoyaltyOfficialSdkTest::biz).toList();
    }

    private static JsonNode biz(LoggedRequest r) {
        try {
            return JSON.readTree(AlipayProviderTest.params(r).get("biz_content"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
