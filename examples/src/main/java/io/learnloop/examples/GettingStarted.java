package io.learnloop.examples;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.RevenueParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.JdbcStores;
import io.learnloop.payment.Acknowledgement;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.RefundPolicy;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * The program docs/getting-started.md walks through, on nothing but the SDK's API: a facade on the embedded H2
 * database, a course a creator writes and another person approves, an offer, an order a learner pays through the
 * Sandbox provider (whose signed notifications go to a webhook endpoint as raw bytes and headers), the lesson the
 * payment opens, a refund the learner asks for within the refund policy, and the revenue ledger, whose balances sum
 * to zero.
 *
 * <p>Run it with {@code mvn -B -q -pl examples exec:java -Dexec.mainClass=io.learnloop.examples.GettingStarted}; it
 * prints each step. Not thread-safe: a program run from one thread.
 */
public final class GettingStarted {
    // Identity stays with the host: its own user ids, and the roles it gives each user.
    static final Actor ADA = Actor.of("ada", Role.CREATOR);
    static final Actor RITA = Actor.of("rita", Role.REVIEWER);
    static final Actor LENA = Actor.learner("lena");
    static final Actor FINANCE = Actor.of("finance-desk", Role.FINANCE);

    private GettingStarted() {
    }

    /**
     * What the run found, for a test to check.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param paidOrder    the order after the payment's notification was handled
     * @param beforePaying the learner's access to the paid lesson before paying
     * @param afterPaying  the learner's access to it after paying
     * @param paidBooks    every ledger account's balance after the payment
     * @param refund       the refund's outcome
     * @param refunded     the order after the refund
     * @param afterRefund  the learner's access to the lesson after the refund
     * @param refundedBooks every ledger account's balance after the refund
     */
    public record Outcome(Order paidOrder, AccessDecision beforePaying, AccessDecision afterPaying,
                          List<Balance> paidBooks, RefundOutcome refund, Order refunded, AccessDecision afterRefund,
                          List<Balance> refundedBooks) {
        /**
         * Copies the balances.
         *
         * @param paidOrder     the paid order
         * @param beforePaying  access before paying
         * @param afterPaying   access after paying
         * @param paidBooks     the balances after the payment
         * @param refund        the refund
         * @param refunded      the refunded order
         * @param afterRefund   access after the refund
         * @param refundedBooks the balances after the refund
         */
        public Outcome {
            paidBooks = List.copyOf(paidBooks);
            refundedBooks = List.copyOf(refundedBooks);
        }
    }

    /**
     * Runs the program in the folder given as the first argument, or in a new temporary folder.
     *
     * @param args an optional folder for the database
     * @throws IOException if no temporary folder can be made
     */
    public static void main(String[] args) throws IOException {
        Path folder = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("learnloop-getting-started");
        run(folder, System.out);
    }

    /**
     * Runs every step on a database in {@code folder}, printing what happens.
     *
     * @param folder a folder for the H2 database; use a new one for each run
     * @param out    where to print the steps
     * @return what happened
     */
    public static Outcome run(Path folder, PrintStream out) {
        Clock clock = Clock.systemUTC();
        try (JdbcStore store = JdbcStores.embeddedH2(folder)) {
            Learnloop learnloop = Learnloop.builder()
                    .store(store)
                    .clock(clock)
                    // 20% platform fee, no affiliates; each course's authors share the rest
                    .revenue(new RevenuePolicy(2000, 0, 0), RevenueParties.courseAuthors(order -> List.of()))
                    .build();
            out.println("1. Learnloop on the H2 database in " + folder);

            Course course = publishCourse(learnloop, out);
            Lesson paidLesson = course.published().lessons().get(1);

            Offer offer = learnloop.commerce().createOffer(ADA,
                    OfferDraft.course("Java in a Week", Money.parse("49.00", "EUR"), course.id()));
            out.println("3. Ada puts it on sale: " + offer.price());

            SandboxProvider sandbox = new SandboxProvider(SandboxConfig.builder()
                    .key("whsec-1", Secret.of("the webhook secret from your configuration"))
                    .clock(clock)
                    .build());
            Payments payments = Payments.builder(learnloop)
                    .provider(sandbox)
                    .refundPolicy(RefundPolicy.withinDays(14))
                    .build();

            AccessDecision beforePaying = learnloop.access().decide(LENA.id(), paidLesson.id(), clock.instant());
            out.println("4. Lena may open \"" + paidLesson.title() + "\"? " + beforePaying.reason());

            Order order = learnloop.commerce().placeOrder(LENA, PlaceOrder.of("lena-cart-1", offer.id()));
            PaymentSession session = payments.checkout(LENA,
                    CheckoutRequest.of(order.id(), ProviderId.SANDBOX, PaymentFlow.REDIRECT, "Java in a Week"));
            out.println("5. Lena orders it (" + order.total() + ") and is sent to " + session.redirectUrl());

            // the payer pays on the provider's page; the provider then calls the host's webhook
            sandbox.pay(session.merchantReference());
            for (SandboxNotification n : sandbox.deliverable()) {
                Acknowledgement answer = webhook(payments, n.body(), n.headers(), out);
                out.println("   the endpoint answers the provider with HTTP " + answer.httpStatus());
            }
            Order paid = learnloop.commerce().order(LENA, order.id());
            out.println("6. The order is " + paid.status());

            AccessDecision afterPaying = learnloop.access().decide(LENA.id(), paidLesson.id(), clock.instant());
            out.println("7. Lena may open \"" + paidLesson.title() + "\"? " + afterPaying.reason()
                    + "; the ledger:");
            List<Balance> paidBooks = printBooks(learnloop, out);

            OrderLine line = paid.lines().get(0);
            RefundOutcome refund = payments.refund(LENA, order.id(), "lena-refund-1",
                    List.of(LineAmount.of(line.line(), line.refundable())), "not what I expected");
            out.println("8. Lena asks for her money back within the 14 days: refund " + refund.state());
            for (SandboxNotification n : sandbox.deliverable()) {
                webhook(payments, n.body(), n.headers(), out);
            }
            Order refunded = learnloop.commerce().order(LENA, order.id());
            AccessDecision afterRefund = learnloop.access().decide(LENA.id(), paidLesson.id(), clock.instant());
            out.println("9. The order is " + refunded.status() + "; Lena may open \"" + paidLesson.title() + "\"? "
                    + afterRefund.reason() + "; the ledger:");
            List<Balance> refundedBooks = printBooks(learnloop, out);
            return new Outcome(paid, beforePaying, afterPaying, paidBooks, refund, refunded, afterRefund,
                    refundedBooks);
        }
    }

    /** Reads every account's balance, a page at a time as every listing that grows with history is read. */
    private static List<Balance> printBooks(Learnloop learnloop, PrintStream out) {
        Currency euro = Currency.getInstance("EUR");
        List<Balance> balances = new ArrayList<>();
        String cursor = null;
        do {
            Page<Balance> page = learnloop.ledger().balances(FINANCE, euro, cursor, 100);
            balances.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        Money sum = Money.zero(euro);
        for (Balance b : balances) {
            out.printf("   %-24s %10s%n", b.account(), b.amount());
            sum = sum.plus(b.amount());
        }
        out.printf("   %-24s %10s (every entry balances)%n", "sum", sum);
        return balances;
    }

    /** A creator writes the course and submits it; a reviewer who is not one of its authors publishes it. */
    private static Course publishCourse(Learnloop learnloop, PrintStream out) {
        CatalogService catalog = learnloop.catalog();
        Course draft = catalog.createCourse(ADA, CourseDetails.of("Java in a Week", "en", "programming"));
        Chapter basics = catalog.addChapter(ADA, draft.id(), "Basics");
        catalog.addLesson(ADA, draft.id(), basics.id(), new LessonSpec("Welcome", LessonType.VIDEO,
                Duration.ofMinutes(2), true, "video:welcome"));
        catalog.addLesson(ADA, draft.id(), basics.id(), new LessonSpec("Variables and types", LessonType.VIDEO,
                Duration.ofMinutes(12), false, "video:variables"));
        catalog.submit(ADA, draft.id());
        Course published = catalog.approve(RITA, draft.id());
        out.println("2. Ada writes \"Java in a Week\"; Rita approves it: " + published.status());
        return published;
    }

    /**
     * The host's webhook endpoint for the Sandbox provider: the raw body and the headers go to the pipeline
     * unchanged, and its acknowledgement is the HTTP response.
     */
    private static Acknowledgement webhook(Payments payments, byte[] rawBody, Map<String, String> headers,
                                           PrintStream out) {
        NotificationResult result = payments.handleNotification(ProviderId.SANDBOX, rawBody, headers);
        out.println("   webhook: " + result.disposition() + " - " + result.detail());
        return result.acknowledgement();
    }
}
