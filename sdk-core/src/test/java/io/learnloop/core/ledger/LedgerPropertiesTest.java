package io.learnloop.core.ledger;

import io.learnloop.core.testing.Staff;
import io.learnloop.core.testing.TrustedLedger;
import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerPropertiesTest {
    private static final String[] CREATORS = {"c1", "c2", "c3", "c4"};
    private static final String[] AFFILIATES = {"a1", "a2", "a3"};
    private static final String[] PROVIDERS = {"stripe", "alipay", "wechatpay"};

    @Property(tries = 120)
    void ledger_whenRandomPaymentsRefundsAndPayouts_everyBalanceIsItsPostingsAndTheTotalIsZero(
            @ForAll Random random, @ForAll @IntRange(min = 1, max = 8) int orders,
            @ForAll("currencyCode") String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        Learnloop learnloop = Learnloop.builder().build();
        LedgerService ledger = learnloop.ledger();
        TrustedLedger trusted = new TrustedLedger(learnloop);
        Map<String, long[]> nets = new HashMap<>();
        Map<String, long[]> refunded = new HashMap<>();
        for (int o = 0; o < orders; o++) {
            String order = "o" + o;
            RevenuePolicy policy = new RevenuePolicy(random.nextInt(3001), random.nextInt(2001), random.nextInt(1001));
            int lineCount = 1 + random.nextInt(3);
            long[] lineNets = new long[lineCount];
            List<SaleLine> lines = new ArrayList<>();
            for (int l = 0; l < lineCount; l++) {
                lineNets[l] = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 100 : 5_000_000);
                lines.add(policy.split(l + 1, new Money(lineNets[l], currency), creators(random), affiliates(random)));
            }
            // some channels keep a commission (an app store's 15% or 30%), booked as the channel's fee
            int channelFeeBps = random.nextInt(3) == 0 ? random.nextInt(3001) : 0;
            trusted.recordPayment(new PaymentPosting(OrderId.of(order), PROVIDERS[random.nextInt(PROVIDERS.length)],
                    lines, channelFeeBps));
            nets.put(order, lineNets);
            refunded.put(order, new long[lineCount]);
        }
        // partial refunds, each of some lines, never beyond what is left
        int refunds = random.nextInt(orders * 3 + 1);
        for (int r = 0; r < refunds; r++) {
            String order = "o" + random.nextInt(orders);
            long[] n = nets.get(order);
            long[] done = refunded.get(order);
            List<LineAmount> amounts = new ArrayList<>();
            for (int l = 0; l < n.length; l++) {
                long left = n[l] - done[l];
                if (left > 0 && random.nextBoolean()) {
                    long amount = random.nextInt(4) == 0 ? left : 1 + (long) (random.nextDouble() * left);
                    amount = Math.min(amount, left);
                    amounts.add(LineAmount.of(l + 1, new Money(amount, currency)));
                    done[l] += amount;
                }
            }
            if (!amounts.isEmpty()) {
                trusted.recordRefund(new RefundPosting(OrderId.of(order), "r" + r, amounts));
            }
        }
        // a payout to each creator that is owed money, funded by a provider that holds enough
        Actor admin = Actor.of("admin", Role.ADMIN);
        for (String c : CREATORS) {
            LedgerAccount account = LedgerAccount.creator(UserId.of(c));
            Money owed = ledger.balance(Staff.FINANCE, account, currency);
            for (String p : PROVIDERS) {
                Money held = ledger.balance(Staff.FINANCE, LedgerAccount.clearing(p), currency).negate();
                Money amount = owed.min(held);
                if (amount.isPositive() && random.nextBoolean()) {
                    ledger.payout(admin, new PayoutRequest("pay-" + c + "-" + p, account, amount, p, null));
                    break;
                }
            }
        }

        Money total = Money.zero(currency);
        for (Balance b : ledger.balances(Staff.FINANCE, currency, null, 1000).items()) {
            Money sum = Money.zero(currency);
            for (JournalEntry e : trusted.entriesOf(b.account(), currency)) {
                sum = sum.plus(e.amountFor(b.account()));
            }
            assertThat(b.amount()).as(b.account().key()).isEqualTo(sum);
            total = total.plus(b.amount());
        }
        assertThat(total.isZero()).as("all balances sum to zero").isTrue();

        for (int o = 0; o < orders; o++) {
            String order = "o" + o;
            List<JournalEntry> entries = ledger.entriesOf(Staff.FINANCE, OrderId.of(order));
            for (JournalEntry e : entries) {
                assertThat(Money.sum(currency, e.postings().stream().map(Posting::amount).toList()).isZero()).isTrue();
            }
            checkProportionalClawback(entries, nets.get(order), refunded.get(order), currency);
        }
    }

    /** Each share's cumulative clawback is its exact proportion of the refunded amount, within one minor unit. */
    private static void checkProportionalClawback(List<JournalEntry> entries, long[] nets, long[] refunded,
                                                  Currency currency) {
        JournalEntry payment = entries.get(0);
        assertThat(payment.operation()).isEqualTo(EntryOperation.PAYMENT);
        for (int l = 1; l <= nets.length; l++) {
            for (Posting share : payment.postings()) {
                if (share.line() != l || share.account().kind() == AccountKind.CLEARING) {
                    continue;
                }
                long clawed = 0;
                for (JournalEntry e : entries.subList(1, entries.size())) {
                    for (Posting p : e.postings()) {
                        if (p.line() == l && p.account().equals(share.account())) {
                            clawed -= p.amount().minor();
                        }
                    }
                }
                BigInteger exactTimesNet = BigInteger.valueOf(share.amount().minor())
                        .multiply(BigInteger.valueOf(refunded[l - 1]));
                BigInteger diff = BigInteger.valueOf(clawed).multiply(BigInteger.valueOf(nets[l - 1]))
                        .subtract(exactTimesNet).abs();
                assertThat(diff).as("clawback of " + share.account() + " on line " + l)
                        .isLessThan(BigInteger.valueOf(nets[l - 1]));
                if (refunded[l - 1] == nets[l - 1]) {
                    assertThat(clawed).as("a fully refunded line returns every share").isEqualTo(share.amount().minor());
                }
            }
        }
        assertThat(currency).isNotNull();
    }

    private static List<CreatorShare> creators(Random random) {
        List<String> pool = new ArrayList<>(List.of(CREATORS));
        java.util.Collections.shuffle(pool, random);
        int n = 1 + random.nextInt(3);
        List<CreatorShare> shares = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shares.add(CreatorShare.of(pool.get(i), 1 + random.nextInt(100)));
        }
        return shares;
    }

    private static List<UserId> affiliates(Random random) {
        List<String> pool = new ArrayList<>(List.of(AFFILIATES));
        java.util.Collections.shuffle(pool, random);
        int n = random.nextInt(3);
        List<UserId> chain = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chain.add(UserId.of(pool.get(i)));
        }
        return chain;
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> currencyCode() {
        return net.jqwik.api.Arbitraries.of("CNY", "USD", "JPY", "KWD");
    }
}
