package io.learnloop.payment.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.net.Webhook;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.Secret;
import io.learnloop.payment.internal.json.Json;
import io.learnloop.payment.internal.stripe.BillingInvoice;
import io.learnloop.payment.internal.stripe.BillingSubscription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe's own Java library ({@code com.stripe.net.Webhook.constructEvent}) as the oracle of our webhook
 * verification: on the same body, header, secret, tolerance and clock both must accept or both reject; and for
 * Stripe Billing events the fields our channel reads must be what stripe-java's model objects read from the same
 * JSON.
 */
class StripeOfficialSdkAgreementTest {
    private static final String SECRET = "whsec_agreementAgreementAgreement";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final long TOLERANCE = 300;

    private static final String PAYMENT = """
            {"id":"evt_pay_1","object":"event","api_version":"2024-06-20","created":1772359200,\
            "type":"payment_intent.succeeded","livemode":false,"pending_webhooks":1,\
            "data":{"object":{"id":"pi_1","object":"payment_intent","amount":1999,"amount_received":1999,\
            "currency":"usd","status":"succeeded","metadata":{"learnloop_reference":"order-1"}}}}""";

    private static final String INVOICE_PAID = """
            {"id":"evt_inv_paid","object":"event","api_version":"2025-03-31.basil","created":1772359200,\
            "type":"invoice.paid","livemode":false,"pending_webhooks":1,\
            "data":{"object":{"id":"in_1Q","object":"invoice","amount_due":2900,"amount_paid":2900,\
            "amount_remaining":0,"attempt_count":1,"currency":"eur","status":"paid","customer":"cus_1",\
            "parent":{"type":"subscription_details","subscription_details":{"subscription":"sub_1Q",\
            "metadata":{"learnloop_plan":"plan-1"}}},"next_payment_attempt":null}}}""";

    private static final String INVOICE_FAILED = """
            {"id":"evt_inv_failed","object":"event","api_version":"2025-03-31.basil","created":1772359200,\
            "type":"invoice.payment_failed","livemode":false,"pending_webhooks":1,\
            "data":{"object":{"id":"in_2Q","object":"invoice","amount_due":2900,"amount_paid":0,\
            "amount_remaining":2900,"attempt_count":2,"currency":"eur","status":"open","customer":"cus_1",\
            "next_payment_attempt":1772618400,\
            "parent":{"type":"subscription_details","subscription_details":{"subscription":"sub_1Q"}}}}}""";

    private static final String JPY_INVOICE = """
            {"id":"evt_inv_jpy","object":"event","api_version":"2025-03-31.basil","created":1772359200,\
            "type":"invoice.paid","livemode":false,"pending_webhooks":1,\
            "data":{"object":{"id":"in_3Q","object":"invoice","amount_paid":1500,"currency":"jpy",\
            "status":"paid","attempt_count":1,\
            "parent":{"type":"subscription_details","subscription_details":{"subscription":"sub_3Q"}}}}}""";

    private static final String SUBSCRIPTION_UPDATED = """
            {"id":"evt_sub_upd","object":"event","api_version":"2025-03-31.basil","created":1772359200,\
            "type":"customer.subscription.updated","livemode":false,"pending_webhooks":1,\
            "data":{"object":{"id":"sub_1Q","object":"subscription","status":"active","cancel_at_period_end":true,\
            "customer":"cus_1"},"previous_attributes":{"cancel_at_period_end":false}}}""";

    private static final String SUBSCRIPTION_DELETED = """
            {"id":"evt_sub_del","object":"event","api_version":"2025-03-31.basil","created":1772359200,\
            "type":"customer.subscription.deleted","livemode":false,"pending_webhooks":1,\
            "data":{"object":{"id":"sub_2Q","object":"subscription","status":"canceled",\
            "cancel_at_period_end":false,"customer":"cus_2"}}}""";

    private final StripeProvider ours = new StripeProvider(StripeConfig.builder(Secret.of("sk_test_agreement"))
            .webhookSecret(Secret.of(SECRET)).tolerance(Duration.ofSeconds(TOLERANCE))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());

    /**
     * One delivery.
     *
     * @param name   what it shows
     * @param body   the raw body
     * @param header the {@code Stripe-Signature} value, or null for none
     * @param valid  whether it is a genuine delivery, which both must accept
     */
    record Delivery(String name, String body, String header, boolean valid) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String sign(String secret, long t, String body) {
        try {
            return Webhook.Util.computeHmacSha256(secret, t + "." + body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Our own signer, so that the oracle also checks how we sign test deliveries. */
    private static String ourSignature(String secret, long t, String body) {
        return StripeWebhooks.v1Signature(body.getBytes(StandardCharsets.UTF_8), Secret.of(secret),
                Instant.ofEpochSecond(t));
    }

    static List<Delivery> deliveries() {
        long now = NOW.getEpochSecond();
        String good = sign(SECRET, now, PAYMENT);
        String bad = sign(SECRET, now, PAYMENT.replace("1999", "1"));
        return List.of(
                new Delivery("signed now", PAYMENT, "t=" + now + ",v1=" + good, true),
                new Delivery("signed by our signer", INVOICE_PAID, "t=" + now + ",v1="
                        + ourSignature(SECRET, now, INVOICE_PAID), true),
                new Delivery("a body changed after signing", PAYMENT.replace("1999", "19990"), "t=" + now
                        + ",v1=" + good, false),
                new Delivery("signed with another secret", PAYMENT, "t=" + now + ",v1="
                        + sign("whsec_someoneElse", now, PAYMENT), false),
                new Delivery("signed just inside the tolerance", PAYMENT, "t=" + (now - TOLERANCE + 1) + ",v1="
                        + sign(SECRET, now - TOLERANCE + 1, PAYMENT), true),
                new Delivery("signed beyond the tolerance", PAYMENT, "t=" + (now - TOLERANCE - 1) + ",v1="
                        + sign(SECRET, now - TOLERANCE - 1, PAYMENT), false),
                new Delivery("a signature for another timestamp", PAYMENT, "t=" + (now - 10) + ",v1=" + good,
                        false),
                new Delivery("several v1 signatures, the second good", PAYMENT, "t=" + now + ",v1=" + bad + ",v1="
                        + good, true),
                new Delivery("several v1 signatures, none good", PAYMENT, "t=" + now + ",v1=" + bad + ",v1="
                        + sign("whsec_other", now, PAYMENT), false),
                new Delivery("a v0 signature beside the good v1", PAYMENT, "t=" + now + ",v0=" + bad + ",v1=" + good,
                        true),
                new Delivery("the good signature under scheme v0 only", PAYMENT, "t=" + now + ",v0=" + good, false),
                new Delivery("no timestamp", PAYMENT, "v1=" + good, false),
                new Delivery("an empty header", PAYMENT, "", false),
                new Delivery("no header", PAYMENT, null, false),
                new Delivery("an upper-case signature", PAYMENT, "t=" + now + ",v1=" + good.toUpperCase(),
                        false));
    }

    private boolean weAccept(Delivery d) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (d.header() != null) {
            headers.put("Stripe-Signature", d.header());
        }
        NotificationOutcome outcome = ours.parseNotification(d.body().getBytes(StandardCharsets.UTF_8), headers);
        return !(outcome instanceof NotificationOutcome.Rejected);
    }

    private static boolean stripeAccepts(Delivery d) {
        try {
            Webhook.constructEvent(d.body(), d.header(), SECRET, TOLERANCE, Clock.fixed(NOW, ZoneOffset.UTC));
            return true;
        } catch (com.stripe.exception.SignatureVerificationException | RuntimeException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void parseNotification_whenStripeJavaVerifiesTheSameDelivery_reachesTheSameVerdict(Delivery d) {
        assertThat(stripeAccepts(d)).as("stripe-java on " + d.name()).isEqualTo(d.valid());
        assertThat(weAccept(d)).as(d.name()).isEqualTo(stripeAccepts(d));
    }

    @Test
    void parseNotification_whenSignedAheadOfTheClockBeyondTheTolerance_rejectsWhereStripeJavaAccepts() {
        // stripe-java checks only the past side of the tolerance; we refuse a timestamp from the future too
        long ahead = NOW.getEpochSecond() + TOLERANCE + 60;
        Delivery d = new Delivery("signed in the future", PAYMENT, "t=" + ahead + ",v1=" + sign(SECRET, ahead,
                PAYMENT), false);

        assertThat(stripeAccepts(d)).isTrue();
        assertThat(weAccept(d)).isFalse();
    }

    private static StripeObject stripeModel(String body) {
        long now = NOW.getEpochSecond();
        try {
            Event event = Webhook.constructEvent(body, "t=" + now + ",v1=" + sign(SECRET, now, body), SECRET,
                    TOLERANCE, Clock.fixed(NOW, ZoneOffset.UTC));
            return event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (com.stripe.exception.SignatureVerificationException | EventDataObjectDeserializationException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode object(String body) {
        return Json.parse(body.getBytes(StandardCharsets.UTF_8)).path("data").path("object");
    }

    static List<String> invoices() {
        return List.of(INVOICE_PAID, INVOICE_FAILED, JPY_INVOICE);
    }

    @ParameterizedTest
    @MethodSource("invoices")
    void invoiceOf_whenStripeJavaReadsTheSameInvoice_readsTheSameFields(String body) {
        Invoice theirs = (Invoice) stripeModel(body);

        BillingInvoice mine = BillingInvoice.of(object(body));

        assertThat(mine.id()).isEqualTo(theirs.getId());
        assertThat(mine.amountPaid()).isEqualTo(theirs.getAmountPaid());
        assertThat(mine.currency()).isEqualTo(theirs.getCurrency());
        assertThat(mine.status()).isEqualTo(theirs.getStatus());
        assertThat(mine.subscription()).isNotNull()
                .isEqualTo(theirs.getParent().getSubscriptionDetails().getSubscription());
        assertThat(mine.attemptCount()).isEqualTo(theirs.getAttemptCount());
        assertThat(mine.nextPaymentAttempt()).isEqualTo(theirs.getNextPaymentAttempt());
    }

    static List<String> subscriptions() {
        return List.of(SUBSCRIPTION_UPDATED, SUBSCRIPTION_DELETED);
    }

    @ParameterizedTest
    @MethodSource("subscriptions")
    void subscriptionOf_whenStripeJavaReadsTheSameSubscription_readsTheSameFields(String body) {
        Subscription theirs = (Subscription) stripeModel(body);

        BillingSubscription mine = BillingSubscription.of(object(body));

        assertThat(mine.id()).isEqualTo(theirs.getId());
        assertThat(mine.status()).isEqualTo(theirs.getStatus());
        assertThat(mine.cancelAtPeriodEnd()).isEqualTo(theirs.getCancelAtPeriodEnd());
    }
}
