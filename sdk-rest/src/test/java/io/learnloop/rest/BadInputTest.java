package io.learnloop.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static io.learnloop.rest.ApiFixture.LENA;
import static io.learnloop.rest.ApiFixture.MAX;
import static io.learnloop.rest.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input gets its status and an RFC 9457 problem detail, and changes nothing. */
class BadInputTest {
    private final ApiFixture f = new ApiFixture();

    private static JsonNode problem(RestResponse r, int status, String code) {
        assertThat(r.status()).as(r.bodyText()).isEqualTo(status);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        JsonNode p = json(r);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("code").asText()).isEqualTo(code);
        assertThat(p.get("type").asText()).isEqualTo("https://learnloop.io/problems/"
                + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("detail").asText()).isNotBlank();
        return p;
    }

    private long ordersOf(io.learnloop.core.identity.Actor learner) {
        return f.learnloop.commerce().ordersOf(learner, learner.id(), null, 100).items().size();
    }

    @Test
    void handle_whenRouteUnknown_answers404Problem() {
        JsonNode p = problem(f.get("/nowhere/at/all", LENA), 404, "NOT_FOUND");
        assertThat(p.get("instance").asText()).isEqualTo("/nowhere/at/all");
    }

    @Test
    void handle_whenMethodNotAllowed_answers405WithAllow() {
        RestResponse r = f.handle(RestRequest.of("DELETE", "/orders", LENA));
        problem(r, 405, "METHOD_NOT_ALLOWED");
        assertThat(r.headers()).containsEntry("Allow", "GET, POST");
    }

    @Test
    void handle_whenJsonMalformed_answers400NamingTheBodyAndPlacesNothing() {
        RestResponse r = f.postWithKey("/orders", LENA, "k-1", "{\"offers\":[\"" + f.javaOffer.id().value() + "\"");
        JsonNode p = problem(r, 400, "VALIDATION_FAILED");
        assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("body");
        assertThat(ordersOf(LENA)).isZero();
    }

    @Test
    void handle_whenJsonHasWrongShape_answers400() {
        problem(f.post("/quotes", LENA, "{\"offers\":\"not-a-list\"}"), 400, "VALIDATION_FAILED");
        problem(f.post("/quotes", LENA, "[1,2]"), 400, "VALIDATION_FAILED");
        problem(f.post("/quotes", LENA, "null"), 400, "VALIDATION_FAILED");
    }

    @Test
    void handle_whenBodyOversized_answers413WithoutReadingIt() {
        byte[] body = new byte[RestApi.DEFAULT_MAX_BODY_BYTES + 1];
        Arrays.fill(body, (byte) ' ');
        RestResponse r = f.handle(new RestRequest("POST", "/orders", Map.of(),
                Map.of("Content-Type", "application/json", "Idempotency-Key", "k-big"), body, LENA));
        problem(r, 413, "PAYLOAD_TOO_LARGE");
        assertThat(ordersOf(LENA)).isZero();
    }

    @Test
    void handle_whenBodyIsNotJson_answers415() {
        RestResponse r = f.handle(new RestRequest("POST", "/quotes", Map.of(),
                Map.of("Content-Type", "text/plain"), "offers".getBytes(java.nio.charset.StandardCharsets.UTF_8), LENA));
        problem(r, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void handle_whenNobodySignedIn_answers401AndChangesNothing() {
        RestResponse r = f.postWithKey("/orders", null, "k-1", "{\"offers\":[\"" + f.javaOffer.id().value() + "\"]}");
        problem(r, 401, "UNAUTHENTICATED");
        assertThat(r.headers()).containsKey("WWW-Authenticate");
        problem(f.get("/me/learning", null), 401, "UNAUTHENTICATED");
        assertThat(ordersOf(LENA)).isZero();
    }

    @Test
    void getOrder_whenAnotherLearnersOrder_answers403() {
        String order = f.placeOrder(LENA, f.javaOffer, "k-1");
        problem(f.get("/orders/" + order, MAX), 403, "FORBIDDEN");
        assertThat(f.get("/orders/" + order, LENA).status()).isEqualTo(200);
    }

    @Test
    void checkout_whenAnotherLearnersOrder_answers403AndStartsNoPayment() {
        String order = f.placeOrder(LENA, f.javaOffer, "k-1");
        RestResponse r = f.postWithKey("/orders/" + order + "/checkout", MAX, "pay-1",
                "{\"provider\":\"sandbox\",\"flow\":\"CLIENT_SECRET\"}");
        problem(r, 403, "FORBIDDEN");
        assertThat(json(f.get("/orders/" + order, LENA)).get("status").asText()).isEqualTo("CREATED");
    }

    @Test
    void cancelOrder_whenAnotherLearnersOrder_answers403AndLeavesItOpen() {
        String order = f.placeOrder(LENA, f.javaOffer, "k-1");
        problem(f.post("/orders/" + order + "/cancel", MAX, null), 403, "FORBIDDEN");
        assertThat(json(f.get("/orders/" + order, LENA)).get("status").asText()).isEqualTo("CREATED");
    }

    @Test
    void placeOrder_whenIdempotencyKeyMissing_answers400NamingTheHeader() {
        JsonNode p = problem(f.post("/orders", LENA, "{\"offers\":[\"" + f.javaOffer.id().value() + "\"]}"), 400,
                "VALIDATION_FAILED");
        assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(ordersOf(LENA)).isZero();
    }

    @Test
    void listCourses_whenCursorForged_answers400() {
        problem(f.get("/courses", null, Map.of("cursor", "bm90LWEtY3Vyc29y")), 400, "VALIDATION_FAILED");
        problem(f.get("/courses", null, Map.of("limit", "0")), 400, "VALIDATION_FAILED");
        problem(f.get("/courses", null, Map.of("limit", "many")), 400, "VALIDATION_FAILED");
    }

    @Test
    void placeOrder_whenOfferUnknown_answers400NamingTheOfferAndPlacesNothing() {
        JsonNode p = problem(f.postWithKey("/orders", LENA, "k-1", "{\"offers\":[\"no-such-offer\"]}"), 400,
                "VALIDATION_FAILED");
        assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("offers[0]");
        assertThat(ordersOf(LENA)).isZero();
    }

    @Test
    void listBalances_whenLearnerAsks_answers403() {
        problem(f.get("/ledger/balances", LENA, Map.of("currency", "CNY")), 403, "FORBIDDEN");
        assertThat(f.get("/ledger/balances", ApiFixture.FINANCE, Map.of("currency", "CNY")).status()).isEqualTo(200);
    }
}
