package io.learnloop.payment.pipeline;

import io.learnloop.core.access.AccessService;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.CompletionRule;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.store.Stores;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import io.learnloop.core.commerce.OfferId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.CommerceService;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundPolicy;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxProvider;

import java.time.Duration;

/** A facade with two published courses on sale, a sandbox provider and the payment service. */
public final class PipelineFixture {
    public static final Actor CREATOR = Actor.of("ada", Role.CREATOR);
    /** Someone who handles the platform's money. */
    public static final Actor FINANCE = Actor.of("cashier", Role.FINANCE);
    /** An admin. */
    public static final Actor ADMIN = Actor.of("root", Role.ADMIN);
    static final Actor REVIEWER = Actor.of("rita", Role.REVIEWER);
    public static final Actor LEARNER = Actor.learner("lena");

    /** The facade, its clock and the events it delivered. */
    static final class Facade {
        final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
        final List<DomainEvent> events = new CopyOnWriteArrayList<>();
        final Learnloop learnloop;

        Facade(boolean certificates, io.learnloop.core.store.Store store) {
            this(certificates, store, b -> b);
        }

        Facade(boolean certificates, io.learnloop.core.store.Store store,
               java.util.function.UnaryOperator<Learnloop.Builder> more) {
            Learnloop.Builder b = Learnloop.builder().store(store != null ? store : Stores.inMemory()).clock(clock)
                    .idGenerator(IdGenerator.sequential("id")).courseApprovals(1).listener(events::add)
                    .personalDataEraser(Payments.personalDataEraser())
                    // 20% platform fee, 10% and 5% for two affiliate levels; co-authors share the rest 70:30
                    .revenue(new RevenuePolicy(2000, 1000, 500), (order, line) -> new LineParties(
                            List.of(CreatorShare.of("ada", 70), CreatorShare.of("grace", 30)),
                            List.of(UserId.of("aff-1"), UserId.of("aff-2"))));
            if (certificates) {
                b.certificates(CertificatePolicy.defaults(new IssuerProfile("https://school.example", "Example School"))
                        .withRule(new CompletionRule(true, false, 0)), SigningKey.of("k1", ecKey()))
                        // credit a whole lesson to one report, so the test can complete courses in two calls
                        .progressPolicy(new io.learnloop.core.learning.ProgressPolicy(2.0, 0.9, Duration.ofHours(1),
                                Duration.ofSeconds(10), 0.25, Duration.ofMinutes(5)));
            }
            learnloop = more.apply(b).build();
        }

        private static KeyPair ecKey() {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                return g.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        void advance(Duration d) {
            clock.advance(d);
        }

        Course published(String title) {
            CatalogService catalog = learnloop.catalog();
            Course c = catalog.createCourse(CREATOR, new CourseDetails(title, "A subtitle", "A description", "en",
                    "programming", List.of("java"), CourseLevel.BEGINNER, "media://cover/1"));
            Chapter ch = catalog.addChapter(CREATOR, c.id(), "Basics");
            catalog.addLesson(CREATOR, c.id(), ch.id(), new LessonSpec("intro", LessonType.VIDEO, Duration.ofMinutes(12), true, "media://v/1"));
            catalog.addLesson(CREATOR, c.id(), ch.id(), new LessonSpec("deep", LessonType.VIDEO, Duration.ofMinutes(12), false, "media://v/2"));
            catalog.submit(CREATOR, c.id());
            return catalog.approve(REVIEWER, c.id());
        }
    }

    final Facade f;
    final CommerceService commerce;
    final AccessService access;
    final SandboxProvider sandbox;
    final Course java;
    final Course sql;
    final Offer javaOffer;
    final Offer sqlOffer;
    final Payments payments;

    PipelineFixture() {
        this(RefundPolicy.always(), false);
    }

    PipelineFixture(RefundPolicy policy) {
        this(policy, false);
    }

    PipelineFixture(RefundPolicy policy, boolean certificates) {
        this(policy, certificates, null);
    }

    PipelineFixture(RefundPolicy policy, boolean certificates, io.learnloop.core.store.Store store) {
        this(learnloop -> policy, certificates, store);
    }

    /** A fixture whose refund policy reads the facade it runs on (for example its learning progress). */
    static PipelineFixture withPolicyOf(Function<Learnloop, RefundPolicy> policy) {
        return new PipelineFixture(policy, false, null);
    }

    /** A fixture on a store whose facade the test configures further (export sections, retention). */
    PipelineFixture(io.learnloop.core.store.Store store, java.util.function.UnaryOperator<Learnloop.Builder> more) {
        this(learnloop -> RefundPolicy.always(), false, store, more);
    }

    private PipelineFixture(Function<Learnloop, RefundPolicy> policy, boolean certificates,
                            io.learnloop.core.store.Store store) {
        this(policy, certificates, store, b -> b);
    }

    private PipelineFixture(Function<Learnloop, RefundPolicy> policy, boolean certificates,
                            io.learnloop.core.store.Store store,
                            java.util.function.UnaryOperator<Learnloop.Builder> more) {
        f = new Facade(certificates, store, more);
        sandbox = new SandboxProvider(SandboxConfig.builder().key("k1", Secret.of("sandbox-secret"))
                .clock(f.clock).ids(IdGenerator.sequential("sbx")).build());
        java = f.published("Java");
        sql = f.published("SQL");
        commerce = f.learnloop.commerce();
        access = f.learnloop.access();
        javaOffer = commerce.createOffer(CREATOR, OfferDraft.course("Java", Money.ofMinor(19900, "CNY"), java.id()));
        sqlOffer = commerce.createOffer(CREATOR, OfferDraft.course("SQL", Money.ofMinor(9900, "CNY"), sql.id()));
        payments = Payments.builder(f.learnloop).provider(sandbox).refundPolicy(policy.apply(f.learnloop))
                .reconcileAfter(Duration.ofMinutes(5))
                .build();
    }

    Order order(String key, Offer... offers) {
        PlaceOrder p = PlaceOrder.of(key, Arrays.stream(offers).map(Offer::id).toArray(OfferId[]::new));
        return commerce.placeOrder(LEARNER, p);
    }

    String checkout(Order order) {
        return payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.SANDBOX, PaymentFlow.QR_CODE, "Courses"))
                .merchantReference();
    }

    long events(String type) {
        return f.events.stream().map(DomainEvent::type).filter(type::equals).count();
    }
}
