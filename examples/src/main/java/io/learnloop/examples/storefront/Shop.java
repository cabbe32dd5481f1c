package io.learnloop.examples.storefront;

import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.ledger.RevenueParties;
import io.learnloop.core.Page;
import io.learnloop.community.Communities;
import io.learnloop.community.Community;
import io.learnloop.community.CommunityOptions;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.JdbcStores;
import io.learnloop.lms.LtiTools;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundPolicy;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.payment.stripe.StripeConfig;
import io.learnloop.payment.stripe.StripeProvider;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything the storefront runs on: one Learnloop facade over the chosen store, the payment service with the Sandbox
 * provider (and Stripe when its keys are in the environment), the embedded community and the recommendations.
 */
final class Shop implements AutoCloseable {
    /** The shop's operator: the staff account behind the operator pages, which reads every order and balance. */
    static final Actor OPERATOR = Actor.of("operator", Role.ADMIN, Role.FINANCE);

    /** 20% platform fee; no affiliates in the demo. */
    static final RevenuePolicy REVENUE = new RevenuePolicy(2000, 1000, 500);

    final DemoClock clock;
    final Store store;
    final Learnloop learnloop;
    final SandboxProvider sandbox;
    final boolean stripeConfigured;
    final Payments payments;
    final Community community;
    final Recommendations recommendations;
    /** The LTI tool's grade poster, set once the tool exists (it needs the shop's address, known after the facade). */
    final AtomicReference<EventListener> lmsGrades = new AtomicReference<>();

    Shop(Path folder, Map<String, String> env) {
        this.store = folder == null ? Stores.inMemory() : JdbcStores.embeddedH2(folder);
        this.clock = new DemoClock(Clock.systemUTC(), folder == null ? null : folder.resolve("demo-clock-offset"));
        Learnloop.Builder builder = Learnloop.builder().store(store).clock(clock).idGenerator(IdGenerator.randomUuids())
                .listener(event -> {
                    EventListener grades = lmsGrades.get();
                    if (grades != null) {
                        grades.onEvent(event);
                    }
                })
                .personalDataEraser(LtiTools.personalDataEraser());
        LtiTools.personalDataSources().forEach(builder::personalDataSource);
        this.learnloop = builder
                .courseApprovals(1)
                .certificates(CertificatePolicy.defaults(new IssuerProfile("https://learnloop.example/issuer",
                        "Learnloop Demo Academy")).withValidity(Duration.ofDays(3 * 365)), IssuerKeys.load(folder))
                // a course line pays the course's authors by their revenue ratios; this shop has no affiliates
                .revenue(REVENUE, RevenueParties.courseAuthors(order -> List.of()))
                .build();
        this.sandbox = new SandboxProvider(SandboxConfig.builder().merchantId("learnloop-demo-shop")
                .key("sandbox-key-1", Secret.of(env.getOrDefault("SANDBOX_WEBHOOK_SECRET", "demo-sandbox-secret")))
                .clock(clock).build());
        Payments.Builder pb = Payments.builder(learnloop).provider(sandbox).refundPolicy(RefundPolicy.withinDays(14));
        String stripeKey = env.get("STRIPE_API_KEY");
        String stripeWebhook = env.get("STRIPE_WEBHOOK_SECRET");
        this.stripeConfigured = stripeKey != null && !stripeKey.isBlank() && stripeWebhook != null && !stripeWebhook.isBlank();
        if (stripeConfigured) {
            pb.provider(new StripeProvider(StripeConfig.builder(Secret.of(stripeKey)).webhookSecret(Secret.of(stripeWebhook))
                    .clock(clock).build()));
        }
        this.payments = pb.build();
        this.community = Communities.embedded(learnloop.context(), CommunityOptions.builder(
                (user, courseId) -> learnloop.access().hasAccess(user, CourseId.of(courseId), clock.instant()))
                .catalog(learnloop.catalog()).build());
        this.recommendations = new Recommendations(this);
    }

    /** The checkout providers this shop can use, with whether each is configured. */
    Map<ProviderId, Boolean> providers() {
        return Map.of(ProviderId.SANDBOX, true, ProviderId.STRIPE, stripeConfigured, ProviderId.ALIPAY, false,
                ProviderId.WECHAT_PAY, false);
    }

    Optional<Listing> listing(CourseId course) {
        return learnloop.context().read(uow -> uow.find(Listing.TYPE, course.value()).map(v -> v.value()));
    }

    /** Every order in a status, page by page, as the shop's operator reads them. */
    List<Order> ordersIn(OrderStatus status) {
        List<Order> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Order> page = learnloop.commerce().ordersIn(OPERATOR, status, cursor, PAGE);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static final int PAGE = 500;

    @Override
    public void close() {
        if (store instanceof JdbcStore jdbc) {
            jdbc.close();
        }
    }
}
