package io.learnloop.core.ledger;

import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.internal.ledger.DefaultLedgerService;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.Staff;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deferred revenue of pay-per-outcome lines: on random amounts, shares, fees and refunds, every step balances, the
 * deferred accounts hold exactly the at-risk part until the outcome is final and nothing after, and the payees end
 * with exactly what they would have without the deferral.
 */
class DeferredRevenuePropertiesTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final OrderId ORDER = OrderId.of("o-1");

    @Property(tries = 150)
    void deferral_whenOutcomeIsDecided_balancesEveryStepAndEndsAsIfNothingWasDeferred(
            @ForAll @LongRange(min = 1, max = 50_000_000) long net,
            @ForAll @IntRange(min = 1, max = 10_000) int shareBps,
            @ForAll @IntRange(min = 0, max = 5_000) int platformBps,
            @ForAll @IntRange(min = 0, max = 3_000) int channelFeeBps,
            @ForAll @IntRange(min = 1, max = 7) int ratioA, @ForAll @IntRange(min = 1, max = 7) int ratioB,
            @ForAll @IntRange(min = 0, max = 10_000) int earlierRefundBps, @ForAll boolean passed) {
        Money lineNet = new Money(net, CNY);
        SaleLine line = new RevenuePolicy(platformBps, 0, 0).split(1, lineNet, List.of(CreatorShare.of("ada", ratioA),
                CreatorShare.of("bea", ratioB)), List.of());
        Money atRisk = lineNet.allocate(shareBps, 10_000L - shareBps).get(0);
        long earlier = net * earlierRefundBps / 10_000;
        // the refund the decision makes: what is left of the share after an earlier refund, if the learner did not pass
        long decided = passed ? 0 : Math.max(0, Math.min(atRisk.minor() - earlier, net - earlier));

        Books deferred = new Books();
        Books plain = new Books();
        deferred.pay(line, channelFeeBps, Map.of(1, atRisk));
        plain.pay(line, channelFeeBps, Map.of());
        assertThat(deferred.sum(AccountKindFilter.DEFERRED)).isEqualTo(atRisk);
        assertThat(deferred.sum(AccountKindFilter.ALL)).isEqualTo(Money.zero(CNY));
        for (Books b : List.of(deferred, plain)) {
            if (earlier > 0) {
                b.refund("earlier", earlier);
            }
            if (decided > 0) {
                b.refund("outcome:1", decided);
            }
        }
        assertThat(deferred.sum(AccountKindFilter.ALL)).isEqualTo(Money.zero(CNY));
        deferred.recognise();

        assertThat(deferred.sum(AccountKindFilter.DEFERRED)).isEqualTo(Money.zero(CNY));
        assertThat(deferred.sum(AccountKindFilter.ALL)).isEqualTo(Money.zero(CNY));
        assertThat(deferred.payees()).isEqualTo(plain.payees());
        if (!passed && earlier <= atRisk.minor()) {
            // a refund of exactly the share drains the deferred part and never touches what was recognised at payment
            assertThat(deferred.clearing()).isEqualTo(new Money(-(net - atRisk.minor()), CNY));
        }
    }

    private enum AccountKindFilter { ALL, DEFERRED }

    /** One order's books on a facade of its own. */
    private static final class Books {
        private final Learnloop learnloop = Learnloop.builder().build();
        private final DefaultLedgerService ledger = (DefaultLedgerService) learnloop.ledger();

        void pay(SaleLine line, int channelFeeBps, Map<Integer, Money> atRisk) {
            learnloop.context().transact(uow -> ledger.postPaymentWithin(uow,
                    new PaymentPosting(ORDER, "stripe", List.of(line), channelFeeBps), atRisk));
        }

        void refund(String key, long amount) {
            learnloop.context().transact(uow -> ledger.postRefundWithin(uow, new RefundPosting(ORDER, key,
                    List.of(LineAmount.of(1, new Money(amount, CNY))))));
        }

        void recognise() {
            learnloop.context().transact(uow -> ledger.recogniseWithin(uow, ORDER, 1));
        }

        private List<Balance> balances() {
            return learnloop.ledger().balances(Staff.FINANCE, CNY, null, 100).items();
        }

        Money sum(AccountKindFilter filter) {
            Money sum = Money.zero(CNY);
            for (Balance b : balances()) {
                if (filter == AccountKindFilter.ALL || b.account().kind() == AccountKind.DEFERRED) {
                    sum = sum.plus(b.amount());
                }
            }
            return sum;
        }

        /** Every payee's non-zero balance. */
        Map<String, Money> payees() {
            Map<String, Money> out = new TreeMap<>();
            for (Balance b : balances()) {
                if (b.account().kind() != AccountKind.DEFERRED && b.account().kind() != AccountKind.CLEARING
                        && !b.amount().isZero()) {
                    out.put(b.account().key(), b.amount());
                }
            }
            return out;
        }

        Money clearing() {
            return learnloop.ledger().balance(Staff.FINANCE, LedgerAccount.clearing("stripe"), CNY);
        }
    }
}
