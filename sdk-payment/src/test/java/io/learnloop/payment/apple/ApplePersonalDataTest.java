package io.learnloop.payment.apple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.privacy.ErasureOutcome;
import io.learnloop.core.retention.DataClasses;
import io.learnloop.core.retention.RetentionPolicy;
import io.learnloop.payment.Payments;
import io.learnloop.payment.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner who bought a monthly subscription in the App Store, renewed once: what the App Store channel keeps
 * about her, exported, erased and pruned, on the memory store and on H2.
 */
class ApplePersonalDataTest {
    private static final String SUBSCRIPTION = "Auto-Renewable Subscription";
    private static final Actor ADMIN = Actor.of("root", io.learnloop.core.identity.Role.ADMIN);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppleTestPki.Chain chain = AppleFixture.PKI.chain();
    private TestStores.Backend backend;
    private AppleFixture fx;
    private AppleInAppPurchases apple;
    private Instant e1;
    private Instant e2;

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    private void subscribed(String store) {
        backend = TestStores.open(store);
        fx = new AppleFixture(backend.store(), "id", b -> {
            Payments.personalDataSources().forEach(b::personalDataSource);
            return b.personalDataEraser(Payments.personalDataEraser())
                    .retention(RetentionPolicy.defaults().retain(DataClasses.PAYMENT_NOTIFICATIONS,
                            Duration.ofDays(30)))
                    .retentionPruner(Payments.notificationPruner());
        });
        apple = fx.apple();
        Instant t0 = fx.clock.instant();
        e1 = t0.plus(Duration.ofDays(30));
        e2 = e1.plus(Duration.ofDays(31));
        assertThat(send("SUBSCRIBED", "INITIAL_BUY", "n-sub", month("3001", t0, e1)).disposition())
                .isEqualTo(AppleDisposition.SETTLED);
        fx.clock.set(e1.plusSeconds(5));
        // a renewal carries no account token: the channel finds lena through her subscription
        Map<String, Object> renewal = month("3002", e1, e2);
        renewal.remove("appAccountToken");
        assertThat(send("DID_RENEW", null, "n-renew", renewal).disposition()).isEqualTo(AppleDisposition.SETTLED);
    }

    private AppleNotificationResult send(String type, String subtype, String uuid, Map<String, Object> transaction) {
        return apple.handleNotification(AppleSigned.body(AppleSigned.sign(AppleSigned.notification(type, subtype,
                uuid, fx.clock.instant(), AppleSigned.sign(transaction, chain), null), chain)));
    }

    private static Map<String, Object> month(String id, Instant from, Instant to) {
        return AppleSigned.transaction(id, "3001", "pro.monthly", SUBSCRIPTION, from, to, 4990);
    }

    private Map<String, JsonNode> export() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fx.learnloop.personalData().export(Actor.learner("lena"), AppleFixture.LENA, out);
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

    private void assertLedgerBalanced() {
        assertThat(fx.balances().stream().mapToLong(b -> b.amount().minor()).sum()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void export_whenLearnerSubscribedInTheAppStore_writesHerTransactionsAndNotifications(String store) {
        subscribed(store);

        Map<String, JsonNode> files = export();

        JsonNode transactions = files.get("apple-transactions.json");
        assertThat(transactions).hasSize(2);
        assertThat(transactions).extracting(t -> t.path("id").asText()).containsExactlyInAnyOrder("3001", "3002");
        assertThat(transactions).extracting(t -> t.path("learner").asText()).containsOnly("lena");
        assertThat(files.get("apple-notifications.json")).extracting(n -> n.path("id").asText())
                .containsExactlyInAnyOrder("n-sub", "n-renew");
        assertThat(files.get("payment-attempts.json")).isEmpty();
        assertThat(files.get("manifest.json").toString()).contains("\"file\":\"apple-transactions.json\",\"records\":2",
                "\"file\":\"apple-notifications.json\",\"records\":2");
        assertThat(files.toString()).doesNotContain(AppleSigned.LENA_TOKEN.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void erase_whenLearnerSubscribedInTheAppStore_leavesNoRecordNamingHerAndARenewalCreatesNoOrder(String store) {
        subscribed(store);
        List<Balance> before = fx.balances();

        ErasureOutcome outcome = fx.learnloop.personalData().erase(ADMIN, AppleFixture.LENA, "asked in writing");

        assertThat(outcome.stepsRun()).first().isEqualTo("payments");
        assertThat(backend.contents())
                .noneMatch(l -> l.matches("(?s).*(^|[^A-Za-z0-9._@+-])lena($|[^A-Za-z0-9._@+-]).*"));
        assertThat(fx.balances()).isEqualTo(before);
        assertLedgerBalanced();

        // the next renewal has no token and no subscription record to find a learner by: a person looks at it
        fx.clock.set(e2.plusSeconds(5));
        Map<String, Object> renewal = month("3003", e2, e2.plus(Duration.ofDays(30)));
        renewal.remove("appAccountToken");
        assertThat(send("DID_RENEW", null, "n-renew-2", renewal).disposition())
                .isEqualTo(AppleDisposition.KEPT_FOR_REVIEW);
        assertThat(fx.balances()).isEqualTo(before);
        // a refund of a paid period still finds its order through the transaction's record
        Map<String, Object> refunded = month("3002", e1, e2);
        refunded.put("revocationDate", fx.clock.instant().toEpochMilli());
        assertThat(send("REFUND", null, "n-refund", refunded).disposition()).isEqualTo(AppleDisposition.REFUNDED);
        assertLedgerBalanced();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void runScheduledJobs_whenAppStoreNotificationsOutliveTheirRetention_stripsThemAndStillAnswersDuplicates(
            String store) {
        subscribed(store);
        List<Balance> before = fx.balances();
        fx.advance(Duration.ofDays(31));

        assertThat(fx.learnloop.runScheduledJobs().prunedOf(DataClasses.PAYMENT_NOTIFICATIONS)).isEqualTo(2);

        assertThat(export().get("apple-notifications.json")).isEmpty();
        assertThat(backend.contents().stream().filter(l -> l.contains("apple_notification") && l.contains("n-sub")))
                .isNotEmpty().noneMatch(l -> l.contains("order paid") || l.contains("\"transactionId\":\"3001\""));
        Instant t0 = e1.minus(Duration.ofDays(30));
        assertThat(send("SUBSCRIBED", "INITIAL_BUY", "n-sub", month("3001", t0, e1)).disposition())
                .isEqualTo(AppleDisposition.DUPLICATE);
        assertThat(fx.balances()).isEqualTo(before);
        fx.advance(Duration.ofDays(1));
        assertThat(fx.learnloop.runScheduledJobs().prunedOf(DataClasses.PAYMENT_NOTIFICATIONS)).isZero();
    }
}
