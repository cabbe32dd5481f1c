package io.learnloop.examples.quickstart;

import io.learnloop.core.Learnloop;
import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.credential.VerificationResult;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.EntryOperation;
import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.money.Money;
import io.learnloop.core.review.RatingSummary;

import java.time.Duration;
import java.util.Currency;
import java.util.List;

/**
 * Stage 7: Zhang Wei asks for the machine-learning course of his two-course order back. The line is refunded
 * through the provider; his access to that course is revoked (the other course stays), the certificate that rested
 * on it no longer verifies, his review stops counting, and the ledger claws back every share; every account still
 * balances to the cent.
 *
 * <p>Not thread-safe.
 */
public final class RefundStage {
    /** The refund's idempotency key. */
    public static final String REFUND_KEY = "zhang-wei-refund-ml";

    private final DemoPlatform platform;
    private final Narrator narrator;
    private final SandboxCheckout checkout;

    /**
     * Creates the stage.
     *
     * @param platform the platform
     * @param narrator the narrator
     * @param checkout the checkout
     */
    public RefundStage(DemoPlatform platform, Narrator narrator, SandboxCheckout checkout) {
        this.platform = platform;
        this.narrator = narrator;
        this.checkout = checkout;
    }

    /**
     * What the stage produced.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param order            the order after the refund
     * @param refundedAccess   Zhang Wei's access decision for the refunded course
     * @param keptAccess       his access decision for the other course of the order
     * @param certificate      the verification of his certificate for the refunded course
     * @param clawback         the ledger's refund entry
     * @param balances         every account's balance in CNY after the refund
     * @param total            the sum of all balances (zero when the books balance)
     * @param summaryBefore    the refunded course's rating summary before the refund
     * @param summaryAfter     the refunded course's rating summary after the refund
     * @param paid             what every paid order paid, in CNY
     * @param refunded         what was refunded of them
     */
    public record Result(Order order, AccessDecision refundedAccess, AccessDecision keptAccess,
                         VerificationResult certificate, JournalEntry clawback, List<Balance> balances, Money total,
                         RatingSummary summaryBefore, RatingSummary summaryAfter, Money paid, Money refunded) {
        /**
         * Copies the balances.
         *
         * @param order          the order
         * @param refundedAccess the refunded course's decision
         * @param keptAccess     the kept course's decision
         * @param certificate    the verification
         * @param clawback       the refund entry
         * @param balances       the balances
         * @param total          their sum
         * @param summaryBefore  the summary before
         * @param summaryAfter   the summary after
         * @param paid           the paid total
         * @param refunded       the refunded total
         */
        public Result {
            balances = List.copyOf(balances);
        }
    }

    /**
     * Runs the stage.
     *
     * @param catalog  what stage 1 published
     * @param commerce what stage 2 sold
     * @param learning what stage 3 certified
     * @return what happened
     */
    public Result run(CatalogStage.Result catalog, CommerceStage.Result commerce, LearningStage.Result learning) {
        narrator.stage("A refund: access, certificate and revenue follow the money back");
        Learnloop ll = platform.learnloop();
        Cast cast = platform.cast();
        platform.clock().advance(Duration.ofHours(2));
        Order before = ll.commerce().order(cast.zhangWei(), commerce.zhangWeiOrder().id());
        int line = before.lines().stream().filter(l -> l.courses().contains(catalog.ml().id())).findFirst()
                .orElseThrow().line();
        RatingSummary summaryBefore = ll.reviews().summary(catalog.ml().id());
        narrator.say("Zhang Wei asks for line %d (%s, %s) of his order back", line, before.line(line).title(),
                before.line(line).net());
        SandboxCheckout.Refund refund = checkout.refund(before.id(), line, REFUND_KEY, "changed his mind about the course");
        Order order = refund.order();
        narrator.say("The pipeline records it, asks the provider to pay it back (%s) and revokes line(s) %s",
                refund.outcome().state(), refund.outcome().revokedLines());
        refund.confirmations().forEach(d -> narrator.detail("webhook: %-15s %s", d.outcome(), d.detail()));
        narrator.say("Order %s is now %s: refunded %s of %s", order.id(), order.status(), order.refunded(), order.total());

        var now = platform.clock().instant();
        AccessDecision gone = ll.access().decideCourse(cast.zhangWei().id(), catalog.ml().id(), now);
        AccessDecision kept = ll.access().decideCourse(cast.zhangWei().id(), catalog.design().id(), now);
        narrator.say("Access to %s: %s (%s); to %s: %s (%s)", catalog.ml().title(), gone.allowed() ? "open" : "closed",
                gone.reason(), catalog.design().title(), kept.allowed() ? "open" : "closed", kept.reason());
        VerificationResult cert = ll.certificates().verify(learning.zhangCertificate().jwt());
        narrator.say("His 机器学习实战 certificate now verifies as %s", cert.status());
        RatingSummary summaryAfter = ll.reviews().summary(catalog.ml().id());
        narrator.say("His review no longer counts: %s had %d review(s), now %d", catalog.ml().title(),
                summaryBefore.count(), summaryAfter.count());

        JournalEntry clawback = ll.ledger().entriesOf(DemoPlatform.FINANCE, order.id()).stream()
                .filter(e -> e.operation() == EntryOperation.REFUND).findFirst().orElseThrow();
        narrator.say("The ledger claws back every share of the line:");
        clawback.postings().forEach(p -> narrator.detail("%-28s %s", p.account(), p.amount()));
        Currency cny = Currency.getInstance("CNY");
        List<Balance> balances = AllPages.of(cursor -> ll.ledger().balances(DemoPlatform.FINANCE, cny, cursor, 100));
        Money total = Money.zero(cny);
        narrator.say("Every account's balance (all postings sum to zero):");
        for (Balance b : balances) {
            narrator.detail("%-28s %12s", b.account(), b.amount());
            total = total.plus(b.amount());
        }
        narrator.detail("%-28s %12s", "total", total);
        Money paid = Money.zero(cny);
        Money back = Money.zero(cny);
        for (OrderStatus status : List.of(OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED)) {
            for (Order o : AllPages.of(cursor -> ll.commerce().ordersIn(DemoPlatform.FINANCE, status, cursor, 500))) {
                paid = paid.plus(o.total());
                back = back.plus(o.refunded());
            }
        }
        narrator.say("Learners paid %s and got %s back; the provider's clearing account owes the difference: %s",
                paid, back, ll.ledger().balance(DemoPlatform.FINANCE, LedgerAccount.clearing("sandbox"), cny));
        return new Result(order, gone, kept, cert, clawback, balances, total, summaryBefore, summaryAfter, paid, back);
    }
}
