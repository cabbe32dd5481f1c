package io.learnloop.payment.stripe;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.spi.RefundQuery;
import io.learnloop.payment.spi.RefundResult;
import io.learnloop.payment.RefundState;
import io.learnloop.payment.Secret;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GET /v1/refunds/{id}} and, without an id, the PaymentIntent's refunds matched on metadata. */
class StripeRefundQueryTest {
    private static final String API_KEY = "sk_test_51Hx9TESTKEYrefundQuery";

    @RegisterExtension
    static final StubServer server = new StubServer();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private StripeProvider stripe;

    @BeforeEach
    void reset() {
        stripe = new StripeProvider(StripeConfig.builder(Secret.of(API_KEY)).webhookSecret(Secret.of("whsec_refundQuery")).baseUrl(server.baseUrl()).clock(clock)
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build());
    }

    /** A refund object as Stripe documents it. */
    private static String refund(String id, String status, String refundReference, String failureReason) {
        return "{\"id\":\"" + id + "\",\"object\":\"refund\",\"amount\":9900,\"balance_transaction\":null,"
                + "\"charge\":\"ch_3MmlLrLkdIwHu7ix0snN0B15\",\"created\":1772359200,\"currency\":\"cny\","
                + "\"metadata\":{\"learnloop_reference\":\"ll0123456789abcdef0123-1\",\"learnloop_refund_reference\":\""
                + refundReference + "\"},\"payment_intent\":\"pi_3Mm\",\"reason\":null,\"receipt_number\":null,"
                + "\"source_transfer_reversal\":null,\"status\":\"" + status + "\",\"transfer_reversal\":null"
                + (failureReason == null ? "" : ",\"failure_reason\":\"" + failureReason + "\"") + "}";
    }

    private RefundResult byId() {
        return stripe.queryRefund(new RefundQuery(new PaymentReference("ll0123456789abcdef0123-1", "pi_3Mm"),
                "rf0123456789abcdef01234567", "re_1"));
    }

    private RefundResult byReference() {
        return stripe.queryRefund(new RefundQuery(new PaymentReference("ll0123456789abcdef0123-1", "pi_3Mm"),
                "rf0123456789abcdef01234567", null));
    }

    @Test
    void queryRefund_whenIdKnownAndSucceeded_isSucceeded() {
        server.stubFor(get("/v1/refunds/re_1").willReturn(okJson(refund("re_1", "succeeded", "rf0123456789abcdef01234567", null))));
        RefundResult r = byId();
        assertThat(r.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(r.amount()).isEqualTo(Money.ofMinor(9900, "CNY"));
        assertThat(r.providerRefundId()).isEqualTo("re_1");
        LoggedRequest req = server.findAll(getRequestedFor(urlPathEqualTo("/v1/refunds/re_1"))).get(0);
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
    }

    @Test
    void queryRefund_whenPending_isPending() {
        server.stubFor(get("/v1/refunds/re_1").willReturn(okJson(refund("re_1", "pending", "rf0123456789abcdef01234567", null))));
        assertThat(byId().state()).isEqualTo(RefundState.PENDING);
    }

    @Test
    void queryRefund_whenFailed_isFailedWithReason() {
        server.stubFor(get("/v1/refunds/re_1").willReturn(okJson(refund("re_1", "failed", "rf0123456789abcdef01234567",
                "expired_or_canceled_card"))));
        RefundResult r = byId();
        assertThat(r.state()).isEqualTo(RefundState.FAILED);
        assertThat(r.providerState()).isEqualTo("failed: expired_or_canceled_card");
    }

    @Test
    void queryRefund_whenCanceledOrRequiresAction_mapsBoth() {
        server.stubFor(get("/v1/refunds/re_1").willReturn(okJson(refund("re_1", "canceled", "rf0123456789abcdef01234567", null))));
        assertThat(byId().state()).isEqualTo(RefundState.FAILED);
        server.stubFor(get("/v1/refunds/re_1").willReturn(okJson(refund("re_1", "requires_action", "rf0123456789abcdef01234567", null))));
        assertThat(byId().state()).isEqualTo(RefundState.ACTION_REQUIRED);
    }

    @Test
    void queryRefund_whenIdUnknown_isNotFound() {
        server.stubFor(get("/v1/refunds/re_1").willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"resource_missing\",\"message\":\"No such refund: 're_1'\","
                        + "\"param\":\"refund\",\"type\":\"invalid_request_error\"}}")));
        assertThat(byId().state()).isEqualTo(RefundState.NOT_FOUND);
    }

    @Test
    void queryRefund_whenNoId_pagesThroughThePaymentIntentsRefundsAndMatchesMetadata() {
        server.stubFor(get(urlPathEqualTo("/v1/refunds")).withQueryParam("starting_after", absent()).willReturn(okJson(
                "{\"object\":\"list\",\"url\":\"/v1/refunds\",\"has_more\":true,\"data\":["
                        + refund("re_a", "succeeded", "rfother0000000000000000000", null) + "]}")));
        server.stubFor(get(urlPathEqualTo("/v1/refunds")).withQueryParam("starting_after", equalTo("re_a")).willReturn(okJson(
                "{\"object\":\"list\",\"url\":\"/v1/refunds\",\"has_more\":false,\"data\":["
                        + refund("re_b", "pending", "rf0123456789abcdef01234567", null) + "]}")));
        RefundResult r = byReference();
        assertThat(r.state()).isEqualTo(RefundState.PENDING);
        assertThat(r.providerRefundId()).isEqualTo("re_b");
        List<LoggedRequest> lists = server.findAll(getRequestedFor(urlPathEqualTo("/v1/refunds")));
        assertThat(lists).hasSize(2);
        assertThat(lists.get(0).queryParameter("payment_intent").firstValue()).isEqualTo("pi_3Mm");
        assertThat(lists.get(0).queryParameter("limit").firstValue()).isEqualTo("100");
    }

    @Test
    void queryRefund_whenNoIdAndNoMatch_isNotFound() {
        server.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(okJson(
                "{\"object\":\"list\",\"url\":\"/v1/refunds\",\"has_more\":false,\"data\":["
                        + refund("re_a", "succeeded", "rfother0000000000000000000", null) + "]}")));
        RefundResult r = byReference();
        assertThat(r.state()).isEqualTo(RefundState.NOT_FOUND);
        assertThat(r.providerRefundId()).isNull();
    }

    @Test
    void queryRefund_whenUnauthorized_throwsNotRetryable() {
        server.stubFor(get("/v1/refunds/re_1").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Invalid API Key provided\",\"type\":\"invalid_request_error\"}}")));
        assertThatThrownBy(this::byId).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.outcomeUnknown()).isFalse();
        });
    }
}
