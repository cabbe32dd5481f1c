package io.learnloop.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.core.identity.Actor;
import org.junit.jupiter.api.Test;

import static io.learnloop.rest.ApiFixture.LENA;
import static io.learnloop.rest.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Quote, order, checkout with the sandbox provider, and the order's status after the provider's notification. */
class CheckoutTest {
    private final ApiFixture f = new ApiFixture();

    private int ordersOf(Actor learner) {
        return f.learnloop.commerce().ordersOf(learner, learner.id(), null, 100).items().size();
    }

    private String orderBody() {
        return "{\"offers\":[\"" + f.javaOffer.id().value() + "\"]}";
    }

    @Test
    void createQuote_whenOffersGiven_pricesWithoutPlacingAnOrder() {
        RestResponse r = f.post("/quotes", LENA, orderBody());
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        assertThat(json(r).get("total").get("minor").asLong()).isEqualTo(19900);
        assertThat(json(r).get("total").get("currency").asText()).isEqualTo("CNY");
        assertThat(ordersOf(LENA)).isZero();
    }

    @Test
    void placeOrder_whenNew_answers201WithTheOrderAndItsLocation() {
        RestResponse r = f.postWithKey("/orders", LENA, "k-1", orderBody());
        assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
        JsonNode order = json(r);
        assertThat(order.get("learner").asText()).isEqualTo("lena");
        assertThat(order.get("status").asText()).isEqualTo("CREATED");
        assertThat(r.headers()).containsEntry("Location", "/orders/" + order.get("id").asText());
    }

    @Test
    void placeOrder_whenKeyReplayedWithSameBody_returnsTheOriginalResponseAndPlacesOneOrder() {
        RestResponse first = f.postWithKey("/orders", LENA, "k-1", orderBody());
        RestResponse again = f.postWithKey("/orders", LENA, "k-1", orderBody());
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.bodyText()).isEqualTo(first.bodyText());
        assertThat(again.headers()).containsEntry("Idempotent-Replayed", "true")
                .containsEntry("Location", first.headers().get("Location"));
        assertThat(ordersOf(LENA)).isEqualTo(1);
    }

    @Test
    void placeOrder_whenKeyReplayedWithAnotherBody_answers422AndChangesNothing() {
        RestResponse first = f.postWithKey("/orders", LENA, "k-1", orderBody());
        RestResponse other = f.postWithKey("/orders", LENA, "k-1",
                "{\"offers\":[\"" + f.sqlOffer.id().value() + "\"]}");
        assertThat(other.status()).isEqualTo(422);
        assertThat(json(other).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(ordersOf(LENA)).isEqualTo(1);
        assertThat(f.postWithKey("/orders", LENA, "k-1", orderBody()).bodyText()).isEqualTo(first.bodyText());
    }

    @Test
    void placeOrder_whenAnotherLearnerUsesTheSameKey_placesTheirOwnOrder() {
        f.postWithKey("/orders", LENA, "k-1", orderBody());
        RestResponse r = f.postWithKey("/orders", ApiFixture.MAX, "k-1", orderBody());
        assertThat(r.status()).isEqualTo(201);
        assertThat(json(r).get("learner").asText()).isEqualTo("max");
        assertThat(r.headers()).doesNotContainKey("Idempotent-Replayed");
    }

    @Test
    void checkout_whenClientSecretFlow_returnsTheClientSecret() {
        String order = f.placeOrder(LENA, f.javaOffer, "k-1");
        RestResponse r = f.postWithKey("/orders/" + order + "/checkout", LENA, "pay-1",
                "{\"provider\":\"sandbox\",\"flow\":\"CLIENT_SECRET\"}");
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        JsonNode s = json(r);
        assertThat(s.get("provider").asText()).isEqualTo("sandbox");
        assertThat(s.get("flow").asText()).isEqualTo("CLIENT_SECRET");
        assertThat(s.get("clientSecret").asText()).endsWith("_secret");
        assertThat(s.get("wechatPay").isNull()).isTrue();
        assertThat(json(f.get("/orders/" + order, LENA)).get("status").asText()).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void checkout_whenJsapiFlow_returnsTheWechatPayParameters() {
        String order = f.placeOrder(LENA, f.javaOffer, "k-1");
        RestResponse r = f.postWithKey("/orders/" + order + "/checkout", LENA, "pay-1",
                "{\"provider\":\"sandbox\",\"flow\":\"JSAPI\",\"payerId\":\"openid-lena\"}");
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        JsonNode w = json(r).get("wechatPay");
        assertThat(w.get("package").asText()).startsWith("prepay_id=");
        assertThat(w.has("paySign")).isTrue();
        assertThat(w.has("timeStamp")).isTrue();
    }

    @Test
    void checkout_whenProviderUnknown_answers400AndLeavesTheOrderUnpaid() {
        String order = f.placeOrder(LENA, f.javaOffer, "k-1");
        RestResponse r = f.postWithKey("/orders/" + order + "/checkout", LENA, "pay-1",
                "{\"provider\":\"nowhere\",\"flow\":\"CLIENT_SECRET\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(f.get("/orders/" + order, LENA)).get("status").asText()).isEqualTo("CREATED");
    }

    @Test
    void getOrder_whenProviderNotified_showsPaidAndTheCourseOpens() {
        String order = f.placeOrder(LENA, f.javaOffer, "k-1");
        f.pay(order, LENA);
        JsonNode paid = json(f.get("/orders/" + order, LENA));
        assertThat(paid.get("status").asText()).isEqualTo("PAID");
        assertThat(paid.get("payment").get("provider").asText()).isEqualTo("sandbox");
        assertThat(f.learnloop.access().hasAccess(LENA.id(), f.java.id(), f.clock.instant())).isTrue();
    }

    @Test
    void checkout_whenOrderAlreadyPaid_answers409() {
        String order = f.placeOrder(LENA, f.javaOffer, "k-1");
        f.pay(order, LENA);
        RestResponse r = f.postWithKey("/orders/" + order + "/checkout", LENA, "pay-again",
                "{\"provider\":\"sandbox\",\"flow\":\"CLIENT_SECRET\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(json(r).get("code").asText()).isEqualTo("INVALID_STATE");
    }

    @Test
    void listMyOrders_whenMoreThanALimit_pagesByCursor() {
        f.placeOrder(LENA, f.javaOffer, "k-1");
        f.placeOrder(LENA, f.sqlOffer, "k-2");
        f.placeOrder(ApiFixture.MAX, f.sqlOffer, "k-3");
        JsonNode first = json(f.get("/orders", LENA, java.util.Map.of("limit", "1")));
        assertThat(first.get("items")).hasSize(1);
        String cursor = first.get("nextCursor").asText();
        JsonNode second = json(f.get("/orders", LENA, java.util.Map.of("limit", "1", "cursor", cursor)));
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("id").asText())
                .isNotEqualTo(first.get("items").get(0).get("id").asText());
        assertThat(second.get("items").get(0).get("learner").asText()).isEqualTo("lena");
    }

    @Test
    void cancelOrder_whenOwnOpenOrder_cancelsIt() {
        String order = f.placeOrder(LENA, f.javaOffer, "k-1");
        RestResponse r = f.post("/orders/" + order + "/cancel", LENA, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("CANCELLED");
    }
}
