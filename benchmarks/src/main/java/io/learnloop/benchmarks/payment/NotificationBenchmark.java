package io.learnloop.benchmarks.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.Stores;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.payment.stripe.StripeConfig;
import io.learnloop.payment.stripe.StripeProvider;
import io.learnloop.payment.stripe.StripeWebhooks;
import io.learnloop.payment.wechat.WechatPayConfig;
import io.learnloop.payment.wechat.WechatPayProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Payment notifications on the in-memory store, one thread.
 *
 * <ul>
 *   <li>{@code stripeSettle} / {@code wechatSettle}: the whole pipeline for a new paid notification (verify,
 *       decrypt, decode, dedupe, amount check, order PAID, access grant, ledger entry, acknowledgement). Each
 *       invocation gets a fresh order, placed and checked out in an untimed set-up.</li>
 *   <li>{@code stripeVerify} / {@code wechatVerify}: the provider's verification and decoding alone.</li>
 *   <li>{@code hmac}, {@code rsaVerify}, {@code aesGcm}: the cryptography alone; {@code json}: parsing the body.</li>
 * </ul>
 * The store's share is the settle time minus the verify time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class NotificationBenchmark {
    private static final Actor CREATOR = Actor.of("ada", Role.CREATOR);
    private static final Actor REVIEWER = Actor.of("rita", Role.REVIEWER);
    private static final String WHSEC = "whsec_benchmark_secret_0123456789";
    private static final String API_V3 = "benchmarkApiV3Key0123456789abcde";
    private static final String MCH = "1900009191";
    private static final String APP = "wxd678efh567hg6787";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Learnloop learnloop;
    private Offer offer;
    private Payments stripeCheckout;
    private Payments wechatCheckout;
    private Payments payments;
    private StripeProvider stripe;
    private WechatPayProvider wechat;
    private KeyPair platform;
    private long counter;

    private byte[] stripeBody;
    private Map<String, String> stripeHeaders;
    private byte[] wechatBody;
    private Map<String, String> wechatHeaders;
    private byte[] rsaMessage;
    private byte[] rsaSignature;
    private String gcmNonce;
    private String gcmCiphertext;

    /**
     * Builds the facade, a published course on sale and the providers.
     *
     * @throws Exception if the JVM lacks RSA
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        learnloop = Learnloop.builder().store(Stores.inMemory()).clock(CLOCK).idGenerator(IdGenerator.sequential("id"))
                .courseApprovals(1)
                .revenue(new RevenuePolicy(2000, 1000, 500), (o, line) -> new LineParties(
                        List.of(CreatorShare.of("ada", 70), CreatorShare.of("grace", 30)), List.of(UserId.of("aff-1"))))
                .build();
        CatalogService catalog = learnloop.catalog();
        Course c = catalog.createCourse(CREATOR, new CourseDetails("Java", "Sub", "Desc", "en", "programming",
                List.of("java"), CourseLevel.BEGINNER, "media://c"));
        Chapter ch = catalog.addChapter(CREATOR, c.id(), "Basics");
        catalog.addLesson(CREATOR, c.id(), ch.id(), new LessonSpec("intro", LessonType.VIDEO, Duration.ofMinutes(5), false, "media://v"));
        catalog.submit(CREATOR, c.id());
        Course course = catalog.approve(REVIEWER, c.id());
        offer = learnloop.commerce().createOffer(CREATOR, OfferDraft.course("Java", Money.ofMinor(19900, "CNY"), course.id()));

        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        platform = g.generateKeyPair();
        KeyPair merchant = g.generateKeyPair();
        stripe = new StripeProvider(StripeConfig.builder(Secret.of("sk_test_benchmark")).webhookSecret(Secret.of(WHSEC))
                .clock(CLOCK).build());
        wechat = new WechatPayProvider(WechatPayConfig.builder(MCH, APP).merchantKey("ABC123", merchant.getPrivate())
                .apiV3Key(Secret.of(API_V3)).verificationKey("PLATFORM", platform.getPublic())
                .notifyUrl("https://shop.example/n").clock(CLOCK).build());
        // In-JVM stand-ins under the real providers' ids place the payments; the real providers verify the notifications.
        stripeCheckout = Payments.builder(learnloop).provider(new SandboxProvider(SandboxConfig.builder().id(ProviderId.STRIPE)
                .key("k", Secret.of("x")).clock(CLOCK).build())).build();
        wechatCheckout = Payments.builder(learnloop).provider(new SandboxProvider(SandboxConfig.builder().id(ProviderId.WECHAT_PAY)
                .key("k", Secret.of("x")).clock(CLOCK).build())).build();
        payments = Payments.builder(learnloop).provider(stripe).provider(wechat).build();

        nextStripe(stripeCheckout, "verify-only-00001");
        nextWechat(wechatCheckout, "verify-only-00001");
        rsaMessage = ("1772359200\nnonce\n" + new String(wechatBody, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(platform.getPrivate());
        s.update(rsaMessage);
        rsaSignature = s.sign();
        JsonNode resource = MAPPER.readTree(wechatBody).get("resource");
        gcmNonce = resource.get("nonce").asText();
        gcmCiphertext = resource.get("ciphertext").asText();
    }

    private String checkout(Payments via, ProviderId provider) {
        Actor learner = Actor.learner("learner-" + (++counter));
        Order order = learnloop.commerce().placeOrder(learner, PlaceOrder.of("k-" + counter, offer.id()));
        return via.checkout(learner, CheckoutRequest.of(order.id(), provider, PaymentFlow.QR_CODE, "Java"))
                .merchantReference();
    }

    private void nextStripe(Payments via, String fixedRef) {
        String ref = fixedRef != null ? fixedRef : checkout(via, ProviderId.STRIPE);
        stripeBody = ("{\"id\":\"evt_" + counter + "_" + ref + "\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\","
                + "\"created\":1772359200,\"livemode\":false,\"data\":{\"object\":{\"id\":\"pi_" + counter + "\",\"object\":\"payment_intent\","
                + "\"amount\":19900,\"amount_received\":19900,\"currency\":\"cny\",\"status\":\"succeeded\","
                + "\"metadata\":{\"learnloop_reference\":\"" + ref + "\"}}}}").getBytes(StandardCharsets.UTF_8);
        stripeHeaders = Map.of("Stripe-Signature", StripeWebhooks.signatureHeader(stripeBody, Secret.of(WHSEC), CLOCK.instant()));
    }

    private void nextWechat(Payments via, String fixedRef) throws Exception {
        String ref = fixedRef != null ? fixedRef : checkout(via, ProviderId.WECHAT_PAY);
        String plain = "{\"mchid\":\"" + MCH + "\",\"appid\":\"" + APP + "\",\"out_trade_no\":\"" + ref + "\",\"transaction_id\":\"42000"
                + counter + "\",\"trade_type\":\"NATIVE\",\"trade_state\":\"SUCCESS\",\"success_time\":\"2026-03-01T17:59:00+08:00\","
                + "\"amount\":{\"total\":19900,\"payer_total\":19900,\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
        String nonce = "fdasflkja484";
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(API_V3.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
        c.updateAAD("transaction".getBytes(StandardCharsets.UTF_8));
        String ct = Base64.getEncoder().encodeToString(c.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
        String body = "{\"id\":\"EV-" + counter + "-" + ref + "\",\"create_time\":\"2026-03-01T17:59:30+08:00\",\"resource_type\":\"encrypt-resource\","
                + "\"event_type\":\"TRANSACTION.SUCCESS\",\"summary\":\"ok\",\"resource\":{\"original_type\":\"transaction\","
                + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + ct + "\",\"associated_data\":\"transaction\",\"nonce\":\"" + nonce + "\"}}";
        wechatBody = body.getBytes(StandardCharsets.UTF_8);
        long ts = CLOCK.instant().getEpochSecond();
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(platform.getPrivate());
        s.update((ts + "\nn0nce\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        wechatHeaders = Map.of("Wechatpay-Timestamp", String.valueOf(ts), "Wechatpay-Nonce", "n0nce",
                "Wechatpay-Serial", "PLATFORM", "Wechatpay-Signature", Base64.getEncoder().encodeToString(s.sign()));
    }

    /** Untimed: a fresh order and its signed Stripe notification. */
    @State(Scope.Thread)
    public static class FreshStripe {
        /**
         * Prepares the next notification.
         *
         * @param b the benchmark state
         */
        @Setup(Level.Invocation)
        public void next(NotificationBenchmark b) {
            b.nextStripe(b.stripeCheckout, null);
        }
    }

    /** Untimed: a fresh order and its signed, encrypted WeChat Pay notification. */
    @State(Scope.Thread)
    public static class FreshWechat {
        /**
         * Prepares the next notification.
         *
         * @param b the benchmark state
         * @throws Exception if the JVM lacks AES-GCM or RSA
         */
        @Setup(Level.Invocation)
        public void next(NotificationBenchmark b) throws Exception {
            b.nextWechat(b.wechatCheckout, null);
        }
    }

    /**
     * The whole pipeline for a new Stripe notification.
     *
     * @param fresh the prepared notification
     * @return the result
     */
    @Benchmark
    public NotificationResult stripeSettle(FreshStripe fresh) {
        NotificationResult r = payments.handleNotification(ProviderId.STRIPE, stripeBody, stripeHeaders);
        if (r.disposition() != Disposition.SETTLED) {
            throw new IllegalStateException(r.disposition() + ": " + r.detail());
        }
        return r;
    }

    /**
     * The whole pipeline for a new WeChat Pay notification.
     *
     * @param fresh the prepared notification
     * @return the result
     */
    @Benchmark
    public NotificationResult wechatSettle(FreshWechat fresh) {
        NotificationResult r = payments.handleNotification(ProviderId.WECHAT_PAY, wechatBody, wechatHeaders);
        if (r.disposition() != Disposition.SETTLED) {
            throw new IllegalStateException(r.disposition() + ": " + r.detail());
        }
        return r;
    }

    /**
     * Stripe verification and decoding alone.
     *
     * @return the outcome
     */
    @Benchmark
    public Object stripeVerify() {
        return stripe.parseNotification(stripeBody, stripeHeaders);
    }

    /**
     * WeChat Pay verification, decryption and decoding alone.
     *
     * @return the outcome
     */
    @Benchmark
    public Object wechatVerify() {
        return wechat.parseNotification(wechatBody, wechatHeaders);
    }

    /**
     * HMAC-SHA256 of a Stripe payload.
     *
     * @return the MAC
     * @throws Exception never
     */
    @Benchmark
    public byte[] hmac() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WHSEC.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(stripeBody);
    }

    /**
     * SHA256withRSA (2048-bit) verification of a WeChat Pay message.
     *
     * @return whether it verified
     * @throws Exception never
     */
    @Benchmark
    public boolean rsaVerify() throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(platform.getPublic());
        s.update(rsaMessage);
        return s.verify(rsaSignature);
    }

    /**
     * AES-256-GCM decryption of a WeChat Pay resource.
     *
     * @return the plaintext
     * @throws Exception never
     */
    @Benchmark
    public byte[] aesGcm() throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(API_V3.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, gcmNonce.getBytes(StandardCharsets.UTF_8)));
        c.updateAAD("transaction".getBytes(StandardCharsets.UTF_8));
        return c.doFinal(Base64.getDecoder().decode(gcmCiphertext));
    }

    /**
     * Parsing a Stripe event body into a tree.
     *
     * @return the tree
     * @throws Exception never
     */
    @Benchmark
    public JsonNode json() throws Exception {
        return MAPPER.readTree(stripeBody);
    }
}
