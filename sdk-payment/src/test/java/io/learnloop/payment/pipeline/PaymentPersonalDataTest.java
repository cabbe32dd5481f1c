package io.learnloop.payment.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.learnloop.core.JobRun;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.money.Money;
import io.learnloop.core.privacy.ErasureOutcome;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.core.retention.DataClasses;
import io.learnloop.core.retention.RetentionPolicy;
import io.learnloop.http.RetryPolicy;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.payment.sandbox.SandboxScenario;
import io.learnloop.payment.stripe.StripeConfig;
import io.learnloop.payment.stripe.StripeProvider;
import io.learnloop.payment.stripe.StripeWebhooks;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner who paid one order through the sandbox and one through Stripe, and had the first refunded; another
 * learner who paid through the sandbox. Their export, erasure and the retention of notification records, on the
 * memory store and on H2.
 */
class PaymentPersonalDataTest {
    private static final String WHSEC = "whsec_personal_data";
    private static final Actor MIA = Actor.learner("mia");
    private static final String OPENID = "oLenaWx-openid-8d2f";
    private static final String PAYER_IP = "203.0.113.77";
    private static final String EMAIL = "lena.k@example.com";
    private static final String CUSTOMER = "cus_LenaK42";
    private static final String CARD = "pm_LenaCard4242";
    private static final String REASON = "changed mind about java";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private TestStores.Backend backend;
    private PipelineFixture p;
    private Payments payments;
    private Order java;
    private Order sql;
    private Order miaOrder;
    /** The deliveries lena's payments and refund produced, each as the provider sent it. */
    private final List<SandboxNotification> sandboxDeliveries = new ArrayList<>();
    private byte[] stripeEvent;

    @AfterEach
    void stop() {
        server.stop();
        if (backend != null) {
            backend.close();
        }
    }

    private void world(String store) {
        server.start();
        backend = TestStores.open(store);
        p = new PipelineFixture(backend.store(), b -> {
            Payments.personalDataSources().forEach(b::personalDataSource);
            return b.retention(RetentionPolicy.defaults().retain(DataClasses.PAYMENT_NOTIFICATIONS,
                    Duration.ofDays(30))).retentionPruner(Payments.notificationPruner());
        });
        StripeProvider stripe = new StripeProvider(StripeConfig.builder(Secret.of("sk_test_pd"))
                .webhookSecret(Secret.of(WHSEC)).baseUrl(server.baseUrl()).clock(p.f.clock)
                .http(SharedHttpClient.builder().retryPolicy(RetryPolicy.defaults().withMaxAttempts(1))
                        .sleeper(new RecordingSleeper()).build()).build());
        payments = Payments.builder(p.f.learnloop).provider(p.sandbox).provider(stripe).build();

        // lena pays the Java course in the sandbox, giving the payer fields a WeChat checkout would carry
        java = p.order("k-java", p.javaOffer);
        String javaRef = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(java.id(), ProviderId.SANDBOX,
                PaymentFlow.QR_CODE, "Java").withPayerId(OPENID).withPayerClientIp(PAYER_IP)).merchantReference();
        p.sandbox.pay(javaRef);
        deliverSandbox(Disposition.SETTLED);

        // and the SQL course through Stripe, whose event carries her customer, card and e-mail
        sql = p.order("k-sql", p.sqlOffer);
        server.stubFor(post("/v1/payment_intents").willReturn(okJson(
                "{\"id\":\"pi_lena_sql\",\"client_secret\":\"pi_lena_sql_secret_x\"}")));
        String sqlRef = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(sql.id(), ProviderId.STRIPE,
                PaymentFlow.CLIENT_SECRET, "SQL")).merchantReference();
        stripeEvent = ("{\"id\":\"evt_lena_sql\",\"type\":\"payment_intent.succeeded\",\"created\":"
                + p.f.clock.instant().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"pi_lena_sql\","
                + "\"amount_received\":9900,\"currency\":\"cny\",\"status\":\"succeeded\",\"customer\":\"" + CUSTOMER
                + "\",\"payment_method\":\"" + CARD + "\",\"receipt_email\":\"" + EMAIL + "\",\"metadata\":{"
                + "\"learnloop_reference\":\"" + sqlRef + "\"}}}}").getBytes(StandardCharsets.UTF_8);
        assertThat(deliverStripe().disposition()).isEqualTo(Disposition.SETTLED);

        // mia pays the Java course in the sandbox too
        miaOrder = p.commerce.placeOrder(MIA, PlaceOrder.of("k-mia", new OfferId[]{p.javaOffer.id()}));
        String miaRef = payments.checkout(MIA, CheckoutRequest.of(miaOrder.id(), ProviderId.SANDBOX,
                PaymentFlow.QR_CODE, "Java")).merchantReference();
        p.sandbox.pay(miaRef);
        p.sandbox.deliverable().forEach(n -> assertThat(deliver(n).disposition()).isEqualTo(Disposition.SETTLED));

        // lena's Java order is refunded in full, confirmed by the sandbox's notification
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        payments.refund(PipelineFixture.LEARNER, java.id(), "r1",
                List.of(LineAmount.of(1, Money.ofMinor(19900, "CNY"))), REASON);
        String refundRef = p.f.learnloop.context().read(uow -> uow.get(
                io.learnloop.payment.internal.pipeline.PaymentTypes.REFUND, java.id().value() + ":r1"))
                .value().refundReference();
        p.sandbox.completeRefund(refundRef);
        deliverSandbox(Disposition.REFUND_CONFIRMED);
    }

    private void deliverSandbox(Disposition expected) {
        for (SandboxNotification n : p.sandbox.deliverable()) {
            assertThat(deliver(n).disposition()).isEqualTo(expected);
            sandboxDeliveries.add(n);
        }
    }

    private NotificationResult deliver(SandboxNotification n) {
        return payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers());
    }

    /** Stripe signs every delivery afresh: a redelivery is the same event under a new signature. */
    private NotificationResult deliverStripe() {
        return payments.handleNotification(ProviderId.STRIPE, stripeEvent, Map.of("Stripe-Signature",
                StripeWebhooks.signatureHeader(stripeEvent, Secret.of(WHSEC), p.f.clock.instant())));
    }

    private Map<String, JsonNode> export(Actor actor, UserId learner) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.f.learnloop.personalData().export(actor, learner, out);
        Map<String, JsonNode> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                files.put(e.getName(), JSON.readTree(zip.readAllBytes()));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return files;
    }

    private List<Balance> balances() {
        return p.f.learnloop.ledger().balances(PipelineFixture.FINANCE, java.total().currency(), null, 1000).items();
    }

    private void assertLedgerBalanced() {
        assertThat(balances().stream().mapToLong(b -> b.amount().minor()).sum()).isZero();
    }

    private static List<String> texts(JsonNode records, String field) {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.add(r.path(field).asText()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void export_whenLearnerPaidOnTwoProvidersAndWasRefunded_writesEveryPaymentSectionWithoutAccountData(String store) {
        world(store);

        Map<String, JsonNode> files = export(PipelineFixture.LEARNER, PipelineFixture.LEARNER.id());

        assertThat(files).containsKeys("payment-attempts.json", "payment-notifications.json", "refund-requests.json",
                "apple-transactions.json", "apple-notifications.json", "manifest.json");
        JsonNode attempts = files.get("payment-attempts.json");
        assertThat(attempts).hasSize(2);
        assertThat(texts(attempts, "order")).containsExactlyInAnyOrder(java.id().value(), sql.id().value());
        assertThat(texts(attempts, "provider")).containsExactlyInAnyOrder("sandbox", "stripe");
        assertThat(texts(attempts, "state")).containsOnly("PAID");
        // the Java payment and its refund in the sandbox, the SQL payment at Stripe
        JsonNode notifications = files.get("payment-notifications.json");
        assertThat(notifications).hasSize(3);
        assertThat(texts(notifications, "type")).containsExactlyInAnyOrder("PAYMENT_SUCCEEDED", "REFUND_SUCCEEDED",
                "PAYMENT_SUCCEEDED");
        assertThat(texts(notifications, "eventId")).contains("evt_lena_sql");
        JsonNode refunds = files.get("refund-requests.json");
        assertThat(refunds).hasSize(1);
        assertThat(refunds.get(0).path("order").asText()).isEqualTo(java.id().value());
        assertThat(refunds.get(0).path("reason").asText()).isEqualTo(REASON);
        assertThat(refunds.get(0).path("state").asText()).isEqualTo("CONFIRMED");
        assertThat(files.get("apple-transactions.json")).isEmpty();
        assertThat(files.get("apple-notifications.json")).isEmpty();
        Map<String, Integer> counted = new LinkedHashMap<>();
        files.get("manifest.json").path("sections").forEach(s -> counted.put(s.path("file").asText(),
                s.path("records").asInt()));
        assertThat(counted).containsEntry("payment-attempts.json", 2).containsEntry("payment-notifications.json", 3)
                .containsEntry("refund-requests.json", 1).containsEntry("apple-transactions.json", 0)
                .containsEntry("apple-notifications.json", 0);
        String archive = files.toString();
        assertThat(archive).doesNotContain(miaOrder.id().value(), OPENID, PAYER_IP, EMAIL, CUSTOMER, CARD);

        Map<String, JsonNode> mias = export(MIA, MIA.id());
        assertThat(mias.get("payment-attempts.json")).hasSize(1);
        assertThat(mias.get("payment-notifications.json")).hasSize(1);
        assertThat(mias.get("refund-requests.json")).isEmpty();
        assertThat(mias.toString()).doesNotContain(java.id().value(), sql.id().value(), "evt_lena_sql");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void erase_whenLearnerPaidOnTwoProvidersAndWasRefunded_leavesNothingThatIdentifiesThemAndKeepsTheBooks(
            String store) {
        world(store);
        List<Balance> before = balances();
        Map<String, JsonNode> miaBefore = paymentSections(MIA);
        assertThat(backend.contents()).anyMatch(l -> l.contains(REASON));

        ErasureOutcome outcome = p.f.learnloop.personalData().erase(PipelineFixture.ADMIN,
                PipelineFixture.LEARNER.id(), "asked in writing");

        assertThat(outcome.stepsRun()).first().isEqualTo("payments");
        List<String> after = backend.contents();
        assertThat(after).noneMatch(l -> l.matches("(?s).*(^|[^A-Za-z0-9._@+-])lena($|[^A-Za-z0-9._@+-]).*"));
        assertThat(after).noneMatch(l -> l.contains(REASON) || l.contains(OPENID) || l.contains(PAYER_IP)
                || l.contains(EMAIL) || l.contains(CUSTOMER) || l.contains(CARD));
        assertThat(balances()).isEqualTo(before);
        assertLedgerBalanced();
        assertThat(paymentSections(MIA)).isEqualTo(miaBefore);
        assertThat(p.f.learnloop.settlement().order(miaOrder.id()).learner()).isEqualTo(MIA.id());

        List<String> settled = backend.contents();
        ErasureOutcome again = p.f.learnloop.personalData().erase(PipelineFixture.ADMIN,
                PipelineFixture.LEARNER.id(), "asked twice");
        assertThat(again.alreadyErased()).isTrue();
        assertThat(backend.contents()).containsExactlyInAnyOrderElementsOf(settled);
    }

    private Map<String, JsonNode> paymentSections(Actor learner) {
        Map<String, JsonNode> all = export(learner, learner.id());
        Map<String, JsonNode> payment = new LinkedHashMap<>();
        for (PersonalDataSource s : Payments.personalDataSources()) {
            payment.put(s.section(), all.get(s.section() + ".json"));
        }
        return payment;
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void runScheduledJobs_whenNotificationsOutliveTheirRetention_stripsThemAndStillAnswersRedeliveriesAsDuplicates(
            String store) {
        world(store);
        List<Balance> before = balances();
        p.f.advance(Duration.ofDays(31));

        JobRun run = p.f.learnloop.runScheduledJobs();

        // lena's payment and refund in the sandbox and at Stripe, mia's payment
        assertThat(run.prunedOf(DataClasses.PAYMENT_NOTIFICATIONS)).isEqualTo(4);
        List<String> contents = backend.contents();
        assertThat(contents.stream().filter(l -> l.contains("payment_notification") && l.contains("prunedAt")))
                .isNotEmpty().noneMatch(l -> l.contains("order paid") || l.contains("merchantReference\":\"ll"));
        assertThat(export(PipelineFixture.LEARNER, PipelineFixture.LEARNER.id()).get("payment-notifications.json"))
                .isEmpty();

        for (SandboxNotification n : sandboxDeliveries) {
            byte[] body = n.body();
            NotificationResult replay = payments.handleNotification(ProviderId.SANDBOX, body, Map.of(
                    SandboxProvider.SIGNATURE_HEADER, p.sandbox.signatureHeader(body, p.f.clock.instant())));
            assertThat(replay.disposition()).isEqualTo(Disposition.DUPLICATE);
        }
        assertThat(deliverStripe().disposition()).isEqualTo(Disposition.DUPLICATE);
        assertThat(balances()).isEqualTo(before);
        assertLedgerBalanced();

        p.f.advance(Duration.ofDays(1));
        assertThat(p.f.learnloop.runScheduledJobs().prunedOf(DataClasses.PAYMENT_NOTIFICATIONS)).isZero();
    }
}
