package io.learnloop.core.ledger;

import io.learnloop.core.testing.Staff;
import io.learnloop.core.testing.TrustedLedger;
import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import org.junit.jupiter.api.RepeatedTest;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerConcurrencyTest {
    private static final int THREADS = 16;
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final RevenuePolicy POLICY = new RevenuePolicy(2000, 1000, 0);

    private final Learnloop learnloop = Learnloop.builder().build();
    private final LedgerService ledger = learnloop.ledger();
    private final TrustedLedger trusted = new TrustedLedger(learnloop);

    private static List<Object> race(Callable<Object> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static PaymentPosting payment(String order) {
        return new PaymentPosting(OrderId.of(order), "stripe", List.of(POLICY.split(1, Money.ofMinor(10000, "CNY"),
                List.of(CreatorShare.of("alice", 1)), List.of(UserId.of("aff")))));
    }

    @RepeatedTest(3)
    void recordPayment_when16ThreadsPostOneOrder_postsOneEntry() throws Exception {
        List<Object> entries = race(() -> trusted.recordPayment(payment("o1")));
        assertThat(entries.stream().distinct()).hasSize(1);
        assertThat(ledger.entriesOf(Staff.FINANCE, OrderId.of("o1"))).hasSize(1);
        assertThat(ledger.balance(Staff.FINANCE, LedgerAccount.PLATFORM, CNY)).isEqualTo(Money.ofMinor(2000, "CNY"));
    }

    @RepeatedTest(3)
    void recordPaymentAndRefund_when16ThreadsPostDifferentOrders_balancesStayExact() throws Exception {
        AtomicInteger n = new AtomicInteger();
        race(() -> {
            String order = "o" + n.incrementAndGet();
            trusted.recordPayment(payment(order));
            return trusted.recordRefund(new RefundPosting(OrderId.of(order), "r",
                    List.of(LineAmount.of(1, Money.ofMinor(2500, "CNY")))));
        });
        assertThat(ledger.balance(Staff.FINANCE, LedgerAccount.PLATFORM, CNY)).isEqualTo(Money.ofMinor(THREADS * 1500L, "CNY"));
        assertThat(ledger.balance(Staff.FINANCE, LedgerAccount.clearing("stripe"), CNY))
                .isEqualTo(Money.ofMinor(-THREADS * 7500L, "CNY"));
        assertThat(trusted.entriesOf(LedgerAccount.PLATFORM, CNY)).hasSize(THREADS * 2);
        Money total = Money.zero(CNY);
        for (Balance b : ledger.balances(Staff.FINANCE, CNY, null, 1000).items()) {
            total = total.plus(b.amount());
        }
        assertThat(total.isZero()).isTrue();
    }

    @RepeatedTest(3)
    void payout_when16ThreadsPayOutMoreThanIsOwed_paysOnlyWhatIsOwed() throws Exception {
        // alice is owed 3 × 70.00 = 210.00; each payout is 50.00, so exactly four can be made
        for (String order : List.of("p1", "p2", "p3")) {
            trusted.recordPayment(payment(order));
        }
        LedgerAccount alice = LedgerAccount.creator(UserId.of("alice"));
        Money owed = ledger.balance(Staff.FINANCE, alice, CNY);
        assertThat(owed).isEqualTo(Money.ofMinor(21000, "CNY"));
        AtomicInteger n = new AtomicInteger();
        List<Object> results = race(() -> {
            try {
                return ledger.payout(Staff.FINANCE, new PayoutRequest("po-" + n.incrementAndGet(), alice,
                        Money.ofMinor(5000, "CNY"), "stripe", null));
            } catch (io.learnloop.core.error.ValidationException refused) {
                return "refused";
            }
        });
        assertThat(results).filteredOn(r -> r instanceof JournalEntry).hasSize(4);
        assertThat(results).filteredOn("refused"::equals).hasSize(THREADS - 4);
        assertThat(ledger.balance(Staff.FINANCE, alice, CNY)).isEqualTo(Money.ofMinor(1000, "CNY"));
    }
}
