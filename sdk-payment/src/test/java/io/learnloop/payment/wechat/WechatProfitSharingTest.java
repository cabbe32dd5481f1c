package io.learnloop.payment.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.money.Money;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payout;
import io.learnloop.payment.PayoutDestination;
import io.learnloop.payment.PayoutReport;
import io.learnloop.payment.PayoutStatus;
import io.learnloop.payment.Payouts;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.payout.PayoutFixture;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Cipher;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WechatProfitSharingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRANSACTION = "4208450740201411110007820472";
    private static final Map<LedgerAccount, PayoutDestination> RECEIVERS = Map.of(
            PayoutFixture.ADA, new PayoutDestination("PERSONAL_OPENID", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", null),
            PayoutFixture.GRACE, new PayoutDestination("PERSONAL_OPENID", "oUpF8uGrace0000000000000000", "格蕾丝"),
            PayoutFixture.AFF1, new PayoutDestination("MERCHANT_ID", "1900000109", "腾讯科技有限公司"));

    @RegisterExtension
    static final StubServer server = new StubServer();

    private WechatPayConfig.Builder config(PayoutFixture f) {
        return WechatPayConfig.builder(WechatPayProviderTest.MCH_ID, WechatPayProviderTest.APP_ID)
                .merchantKey(WechatPayProviderTest.MERCHANT_SERIAL, WechatPayProviderTest.MERCHANT.getPrivate())
                .apiV3Key(Secret.of(WechatPayProviderTest.API_V3_KEY))
                .verificationKey(WechatPayProviderTest.PLATFORM_SERIAL, WechatPayProviderTest.PLATFORM.getPublic())
                .verificationKey(WechatPayProviderTest.PUB_KEY_ID, WechatPayProviderTest.WECHAT_PUBLIC.getPublic())
                .baseUrl(server.baseUrl()).notifyUrl("https://shop.example/notify/wechat")
                .clock(f.clock).ids(IdGenerator.sequential("nonce"))
                .http(SharedHttpClient.builder().sleeper(d -> { }).build());
    }

    private Payouts payouts(PayoutFixture f) {
        return Payouts.builder(f.learnloop).channel(new WechatProfitSharing(config(f).build()))
                .destinations((provider, payee) -> RECEIVERS.get(payee)).description("课程分成").build();
    }

    private static String split(String outOrderNo, String account, String type, long amount, String result,
                                String reason) {
        return "{\"transaction_id\":\"" + TRANSACTION + "\",\"out_order_no\":\"" + outOrderNo + "\",\"order_id\":\"3008450740201411110007820472\","
                + "\"state\":\"" + ("PENDING".equals(result) ? "PROCESSING" : "FINISHED") + "\",\"receivers\":[{\"amount\":" + amount
                + ",\"description\":\"课程分成\",\"type\":\"" + type + "\",\"account\":\"" + account + "\",\"result\":\""
                + result + "\"" + (reason == null ? "" : ",\"fail_reason\":\"" + reason + "\"")
                + ",\"detail_id\":\"36011111111111111111111\",\"create_time\":\"2026-11-30T17:00:00+08:00\"}]}";
    }

    private static long now(PayoutFixture f) {
        return f.clock.instant().getEpochSecond();
    }

    private static void receiversAccepted(PayoutFixture f) {
        server.stubFor(post(urlPathEqualTo("/v3/profitsharing/receivers/add")).willReturn(
                WechatPayProviderTest.signedAt(200, "{\"type\":\"PERSONAL_OPENID\",\"account\":\"x\",\"relation_type\":\"PARTNER\"}", now(f))));
    }

    private static List<LoggedRequest> splitsTo(String account) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/v3/profitsharing/orders"))
                .withRequestBody(matchingJsonPath("$.receivers[0].account", equalTo(account))));
    }

    private static JsonNode body(LoggedRequest r) throws Exception {
        return JSON.readTree(r.getBodyAsString());
    }

    /** What the stub split: the amount of every receiver it answered SUCCESS for, once per out_order_no. */
    private static long splitByStub() throws Exception {
        Map<String, Long> byOrder = new HashMap<>();
        for (ServeEvent e : server.getAllServeEvents()) {
            String url = e.getRequest().getUrl();
            if (e.getResponse().getStatus() == 200 && url.startsWith("/v3/profitsharing/orders")) {
                JsonNode answer = JSON.readTree(e.getResponse().getBodyAsString());
                JsonNode receiver = answer.path("receivers").path(0);
                if ("SUCCESS".equals(receiver.path("result").asText())) {
                    byOrder.put(answer.path("out_order_no").asText(), receiver.path("amount").asLong());
                }
            }
        }
        return byOrder.values().stream().mapToLong(Long::longValue).sum();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void splitOrder_whenOneSucceedsOneIsLostAndOneIsRefused_postsOnlyConfirmedSplitsAndReconcileSplitsTheLostOneOnce(
            String kind) throws Exception {
        try (TestStores.Backend store = TestStores.open(kind)) {
            PayoutFixture f = new PayoutFixture(store.store());
            Order order = f.paid("wechatpay", TRANSACTION, "CNY");
            Payouts payouts = payouts(f);
            receiversAccepted(f);
            server.stubFor(post(urlPathEqualTo("/v3/profitsharing/orders"))
                    .withRequestBody(matchingJsonPath("$.receivers[0].account", equalTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")))
                    .willReturn(WechatPayProviderTest.signedAt(200, split("ps-ada", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
                            "PERSONAL_OPENID", 4550, "SUCCESS", null), now(f))));
            server.stubFor(post(urlPathEqualTo("/v3/profitsharing/orders"))
                    .withRequestBody(matchingJsonPath("$.receivers[0].account", equalTo("oUpF8uGrace0000000000000000")))
                    .willReturn(WechatPayProviderTest.signedAt(500, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}", now(f))));
            server.stubFor(post(urlPathEqualTo("/v3/profitsharing/orders"))
                    .withRequestBody(matchingJsonPath("$.receivers[0].account", equalTo("1900000109")))
                    .willReturn(WechatPayProviderTest.signedAt(200, split("ps-aff1", "1900000109", "MERCHANT_ID", 1000,
                            "CLOSED", "NO_RELATION"), now(f))));

            PayoutReport first = payouts.splitOrder(PayoutFixture.FINANCE, ProviderId.WECHAT_PAY, order.id());

            Map<LedgerAccount, Payout> byPayee = first.payouts().stream()
                    .collect(Collectors.toMap(Payout::payee, p -> p));
            assertThat(byPayee.get(PayoutFixture.ADA).status()).isEqualTo(PayoutStatus.CONFIRMED);
            assertThat(byPayee.get(PayoutFixture.GRACE).status()).isEqualTo(PayoutStatus.SENT);
            assertThat(byPayee.get(PayoutFixture.AFF1).status()).isEqualTo(PayoutStatus.PARKED);
            assertThat(byPayee.get(PayoutFixture.AFF1).detail()).contains("NO_RELATION");
            assertThat(byPayee.get(PayoutFixture.AFF2).detail()).contains("no wechatpay account is bound");
            assertThat(f.balance(PayoutFixture.ADA, "CNY").isZero()).isTrue();
            assertThat(f.balance(PayoutFixture.GRACE, "CNY")).isEqualTo(Money.ofMinor(1950, "CNY"));

            LoggedRequest ada = splitsTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").get(0);
            WechatPayProviderTest.assertSignedByMerchant(ada, now(f));
            JsonNode adaBody = body(ada);
            assertThat(adaBody.path("appid").asText()).isEqualTo(WechatPayProviderTest.APP_ID);
            assertThat(adaBody.path("transaction_id").asText()).isEqualTo(TRANSACTION);
            assertThat(adaBody.path("out_order_no").asText()).isEqualTo(byPayee.get(PayoutFixture.ADA).payoutKey());
            assertThat(adaBody.path("unfreeze_unsplit").asBoolean(true)).isFalse();
            assertThat(adaBody.path("receivers").get(0).path("amount").asLong()).isEqualTo(4550);
            assertThat(adaBody.path("receivers").get(0).path("description").asText()).isEqualTo("课程分成");
            assertThat(adaBody.path("receivers").get(0).has("name")).isFalse();
            assertThat(ada.getHeader("Wechatpay-Serial")).isNull();

            LoggedRequest grace = splitsTo("oUpF8uGrace0000000000000000").get(0);
            assertThat(grace.getHeader("Wechatpay-Serial")).isEqualTo(WechatPayProviderTest.PUB_KEY_ID);
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            oaep.init(Cipher.DECRYPT_MODE, WechatPayProviderTest.WECHAT_PUBLIC.getPrivate());
            String name = new String(oaep.doFinal(Base64.getDecoder().decode(
                    body(grace).path("receivers").get(0).path("name").asText())), StandardCharsets.UTF_8);
            assertThat(name).isEqualTo("格蕾丝");
            List<LoggedRequest> added = server.findAll(postRequestedFor(urlPathEqualTo("/v3/profitsharing/receivers/add")));
            assertThat(added).extracting(r -> body(r).path("relation_type").asText())
                    .contains("PARTNER", "DISTRIBUTOR");

            String graceKey = byPayee.get(PayoutFixture.GRACE).payoutKey();
            server.stubFor(get(urlPathEqualTo("/v3/profitsharing/orders/" + graceKey)).willReturn(
                    WechatPayProviderTest.signedAt(404, "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"记录不存在\"}", now(f))));
            server.stubFor(post(urlPathEqualTo("/v3/profitsharing/orders"))
                    .withRequestBody(matchingJsonPath("$.receivers[0].account", equalTo("oUpF8uGrace0000000000000000")))
                    .willReturn(WechatPayProviderTest.signedAt(200, split(graceKey, "oUpF8uGrace0000000000000000",
                            "PERSONAL_OPENID", 1950, "SUCCESS", null), now(f))));

            PayoutReport settled = payouts.reconcile(PayoutFixture.FINANCE, 10);
            payouts.reconcile(PayoutFixture.FINANCE, 10);
            payouts.splitOrder(PayoutFixture.FINANCE, ProviderId.WECHAT_PAY, order.id());

            assertThat(settled.confirmed()).isEqualTo(1);
            assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/v3/profitsharing/orders/" + graceKey))
                    .withQueryParam("transaction_id", equalTo(TRANSACTION)))).hasSize(1);
            assertThat(splitsTo("oUpF8uGrace0000000000000000")).extracting(r -> body(r).path("out_order_no").asText())
                    .containsOnly(graceKey);
            assertThat(splitsTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")).hasSize(1);
            assertThat(splitsTo("1900000109")).hasSize(1);
            assertThat(f.balance(PayoutFixture.GRACE, "CNY").isZero()).isTrue();
            assertThat(splitByStub()).isEqualTo(4550 + 1950);
            assertThat(-f.balance(LedgerAccount.clearing("wechatpay"), "CNY").minor()).isEqualTo(10000 - splitByStub());
            assertThat(f.sumOfBalances("CNY")).isZero();
        }
    }

    @Test
    void reverse_whenAMerchantReceiverReturnsItsSplit_postsTheReturnAndOnlyMerchantReceiversCanReturn() throws Exception {
        PayoutFixture f = new PayoutFixture(io.learnloop.core.store.Stores.inMemory());
        Order order = f.paid("wechatpay", TRANSACTION, "CNY");
        receiversAccepted(f);
        for (Map.Entry<LedgerAccount, PayoutDestination> r : RECEIVERS.entrySet()) {
            long amount = f.balance(r.getKey(), "CNY").minor();
            server.stubFor(post(urlPathEqualTo("/v3/profitsharing/orders"))
                    .withRequestBody(matchingJsonPath("$.receivers[0].account", equalTo(r.getValue().account())))
                    .willReturn(WechatPayProviderTest.signedAt(200, split("ps-" + amount, r.getValue().account(),
                            r.getValue().type(), amount, "SUCCESS", null), now(f))));
        }
        Payouts payouts = payouts(f);
        Map<LedgerAccount, Payout> paid = payouts.splitOrder(PayoutFixture.FINANCE, ProviderId.WECHAT_PAY, order.id())
                .payouts().stream().collect(Collectors.toMap(Payout::payee, p -> p));
        Payout merchant = paid.get(PayoutFixture.AFF1);
        assertThat(merchant.status()).isEqualTo(PayoutStatus.CONFIRMED);
        server.stubFor(post(urlPathEqualTo("/v3/profitsharing/return-orders")).willReturn(WechatPayProviderTest.signedAt(200,
                "{\"order_id\":\"3008450740201411110007820472\",\"out_order_no\":\"" + merchant.payoutKey()
                        + "\",\"out_return_no\":\"R1\",\"return_id\":\"3008450740201411110007820473\",\"return_mchid\":\"1900000109\","
                        + "\"amount\":400,\"description\":\"课程分成\",\"result\":\"SUCCESS\","
                        + "\"create_time\":\"2026-11-30T17:00:00+08:00\"}", now(f))));

        Payout returned = payouts.reverse(PayoutFixture.FINANCE, merchant.payoutKey(), "refund-1",
                Money.ofMinor(400, "CNY"), null);

        assertThat(returned.returned()).isEqualTo(Money.ofMinor(400, "CNY"));
        JsonNode sent = body(server.findAll(postRequestedFor(urlPathEqualTo("/v3/profitsharing/return-orders"))).get(0));
        assertThat(sent.path("out_order_no").asText()).isEqualTo(merchant.payoutKey());
        assertThat(sent.path("return_mchid").asText()).isEqualTo("1900000109");
        assertThat(sent.path("amount").asLong()).isEqualTo(400);
        assertThat(sent.path("out_return_no").asText()).startsWith("pr_");
        assertThat(f.balance(PayoutFixture.AFF1, "CNY")).isEqualTo(Money.ofMinor(400, "CNY"));
        assertThat(f.sumOfBalances("CNY")).isZero();
        assertThatThrownBy(() -> payouts.reverse(PayoutFixture.FINANCE, paid.get(PayoutFixture.ADA).payoutKey(), "r-2",
                Money.ofMinor(100, "CNY"), null)).hasMessageContaining("only from a MERCHANT_ID receiver");
        Order unpaid = f.paid("stripe", "pi_9", "CNY");
        assertThatThrownBy(() -> payouts.splitOrder(PayoutFixture.FINANCE, ProviderId.WECHAT_PAY, unpaid.id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("only an order paid through wechatpay");
    }

    @Test
    void create_whenProfitSharingIsOn_asksWechatPayToFreezeThePaymentForSplitting() throws Exception {
        PayoutFixture f = new PayoutFixture(io.learnloop.core.store.Stores.inMemory());
        server.stubFor(post("/v3/pay/transactions/native").willReturn(WechatPayProviderTest.signedAt(200,
                "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=abc\"}", now(f))));
        WechatPayProvider sharing = new WechatPayProvider(config(f).profitSharing(true).build());
        WechatPayProvider plain = new WechatPayProvider(config(f).build());

        sharing.create(CreatePaymentRequest.builder("order-1", Money.ofMinor(9900, "CNY"), PaymentFlow.QR_CODE)
                .description("Java 课程").build());
        plain.create(CreatePaymentRequest.builder("order-2", Money.ofMinor(9900, "CNY"), PaymentFlow.QR_CODE)
                .description("Java 课程").build());

        List<LoggedRequest> creates = server.findAll(postRequestedFor(urlPathEqualTo("/v3/pay/transactions/native")));
        assertThat(body(creates.get(0)).path("settle_info").path("profit_sharing").asBoolean(false)).isTrue();
        assertThat(body(creates.get(1)).has("settle_info")).isFalse();
    }

    @Test
    void splitOrder_whenComparedWithTheOfficialSdk_sendsTheSameReceiverOrderAndReturnBodies() throws Exception {
        PayoutFixture f = new PayoutFixture(io.learnloop.core.store.Stores.inMemory());
        Order order = f.paid("wechatpay", TRANSACTION, "CNY");
        receiversAccepted(f);
        for (Map.Entry<LedgerAccount, PayoutDestination> r : RECEIVERS.entrySet()) {
            long amount = f.balance(r.getKey(), "CNY").minor();
            server.stubFor(post(urlPathEqualTo("/v3/profitsharing/orders"))
                    .withRequestBody(matchingJsonPath("$.receivers[0].account", equalTo(r.getValue().account())))
                    .willReturn(WechatPayProviderTest.signedAt(200, split("ps-" + amount, r.getValue().account(),
                            r.getValue().type(), amount, "SUCCESS", null), now(f))));
        }
        Payouts payouts = payouts(f);
        Map<LedgerAccount, Payout> paid = payouts.splitOrder(PayoutFixture.FINANCE, ProviderId.WECHAT_PAY, order.id())
                .payouts().stream().collect(Collectors.toMap(Payout::payee, p -> p));

        var official = new com.wechat.pay.java.service.profitsharing.model.CreateOrderRequest();
        official.setAppid(WechatPayProviderTest.APP_ID);
        official.setTransactionId(TRANSACTION);
        official.setOutOrderNo(paid.get(PayoutFixture.ADA).payoutKey());
        var receiver = new com.wechat.pay.java.service.profitsharing.model.CreateOrderReceiver();
        receiver.setType("PERSONAL_OPENID");
        receiver.setAccount("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        receiver.setAmount(4550L);
        receiver.setDescription("课程分成");
        official.setReceivers(List.of(receiver));
        official.setUnfreezeUnsplit(false);
        assertThat(body(splitsTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").get(0)))
                .isEqualTo(JSON.readTree(com.wechat.pay.java.core.util.GsonUtil.toJson(official)));

        var add = new com.wechat.pay.java.service.profitsharing.model.AddReceiverRequest();
        add.setAppid(WechatPayProviderTest.APP_ID);
        add.setType(com.wechat.pay.java.service.profitsharing.model.ReceiverType.PERSONAL_OPENID);
        add.setAccount("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        add.setRelationType(com.wechat.pay.java.service.profitsharing.model.ReceiverRelationType.PARTNER);
        List<LoggedRequest> adds = server.findAll(postRequestedFor(urlPathEqualTo("/v3/profitsharing/receivers/add"))
                .withRequestBody(matchingJsonPath("$.account", equalTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"))));
        assertThat(adds).isNotEmpty();
        for (LoggedRequest r : adds) {
            assertThat(body(r)).isEqualTo(JSON.readTree(com.wechat.pay.java.core.util.GsonUtil.toJson(add)));
        }

        String cipher = body(splitsTo("oUpF8uGrace0000000000000000").get(0)).path("receivers").get(0).path("name").asText();
        assertThat(new com.wechat.pay.java.core.cipher.RSAPrivacyDecryptor(
                WechatPayProviderTest.WECHAT_PUBLIC.getPrivate()).decrypt(cipher)).isEqualTo("格蕾丝");

        Payout merchant = paid.get(PayoutFixture.AFF1);
        server.stubFor(post(urlPathEqualTo("/v3/profitsharing/return-orders")).willReturn(WechatPayProviderTest.signedAt(200,
                "{\"out_order_no\":\"x\",\"out_return_no\":\"y\",\"return_id\":\"3008450740201411110007820473\","
                        + "\"return_mchid\":\"1900000109\",\"amount\":100,\"result\":\"PROCESSING\"}", now(f))));
        Payout pending = payouts.reverse(PayoutFixture.FINANCE, merchant.payoutKey(), "refund-1", Money.ofMinor(100, "CNY"),
                "退款回退");
        JsonNode sent = body(server.findAll(postRequestedFor(urlPathEqualTo("/v3/profitsharing/return-orders"))).get(0));
        var ret = new com.wechat.pay.java.service.profitsharing.model.CreateReturnOrderRequest();
        ret.setOutOrderNo(merchant.payoutKey());
        ret.setOutReturnNo(sent.path("out_return_no").asText());
        ret.setReturnMchid("1900000109");
        ret.setAmount(100L);
        ret.setDescription("退款回退");
        assertThat(sent).isEqualTo(JSON.readTree(com.wechat.pay.java.core.util.GsonUtil.toJson(ret)));
        assertThat(pending.returned().isZero()).isTrue();
        assertThat(pending.detail()).contains("processing");
        assertThat(f.sumOfBalances("CNY")).isZero();
    }
}
