package io.learnloop.core.internal.ledger;

import io.learnloop.core.ledger.AffiliateShare;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.Posting;
import io.learnloop.core.ledger.SaleLine;
import io.learnloop.core.money.Money;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of revenue shares and clawbacks. Every split uses largest-remainder allocation, so parts always
 * sum to the whole, to the minor unit.
 *
 * <p>Pure functions; thread-safe.
 */
final class Splits {
    private Splits() {
    }

    /**
     * The postings of one paid line: the clearing account gives the net; the channel's commission comes off first
     * (largest remainder, so commission and rest sum to the net), then the platform, affiliates and creators receive
     * the rest. Zero amounts are left out.
     *
     * @param clearing      the provider's clearing account
     * @param line          the sale line
     * @param channelFeeBps the provider's commission in basis points of the net
     * @return the postings, summing to zero
     */
    static List<Posting> payment(LedgerAccount clearing, SaleLine line, int channelFeeBps) {
        List<Posting> postings = new ArrayList<>();
        Money gross = line.net();
        if (gross.isZero()) {
            return postings;
        }
        List<Money> feeAndRest = gross.allocate(new long[] {channelFeeBps, 10_000L - channelFeeBps});
        Money net = feeAndRest.get(1);
        int affiliates = line.affiliates().size();
        long[] ratios = new long[2 + affiliates];
        ratios[0] = line.platformFeeBps();
        int used = line.platformFeeBps();
        for (int i = 0; i < affiliates; i++) {
            ratios[1 + i] = line.affiliates().get(i).bps();
            used += line.affiliates().get(i).bps();
        }
        ratios[ratios.length - 1] = 10_000L - used;
        List<Money> parts = net.allocate(ratios);
        postings.add(new Posting(clearing, gross.negate(), line.line()));
        add(postings, LedgerAccount.channelFee(clearing.owner()), feeAndRest.get(0), line.line());
        add(postings, LedgerAccount.PLATFORM, parts.get(0), line.line());
        for (int i = 0; i < affiliates; i++) {
            AffiliateShare a = line.affiliates().get(i);
            add(postings, LedgerAccount.affiliate(a.affiliate()), parts.get(1 + i), line.line());
        }
        Money creatorsPart = parts.get(parts.size() - 1);
        long[] creatorRatios = line.creators().stream().mapToLong(CreatorShare::ratio).toArray();
        List<Money> creatorParts = creatorsPart.allocate(creatorRatios);
        for (int i = 0; i < creatorRatios.length; i++) {
            add(postings, LedgerAccount.creator(line.creators().get(i).creator()), creatorParts.get(i), line.line());
        }
        return postings;
    }

    /**
     * The postings of one paid line of which a part is at risk (a pay-per-outcome line): as {@link #payment}, then
     * the at-risk part is taken from every share in proportion (largest remainder) and held in that payee's
     * {@link io.learnloop.core.ledger.AccountKind#DEFERRED} account, right after the payee's own posting.
     *
     * @param clearing      the provider's clearing account
     * @param line          the sale line
     * @param channelFeeBps the provider's commission in basis points of the net
     * @param atRisk        the part of the net that depends on the outcome, zero to the net
     * @return the postings, summing to zero
     */
    static List<Posting> payment(LedgerAccount clearing, SaleLine line, int channelFeeBps, Money atRisk) {
        List<Posting> plain = payment(clearing, line, channelFeeBps);
        if (atRisk.isZero() || plain.isEmpty()) {
            return plain;
        }
        List<Posting> shares = plain.subList(1, plain.size());
        List<Money> held = atRisk.allocate(shares.stream().mapToLong(p -> p.amount().minor()).toArray());
        List<Posting> postings = new ArrayList<>();
        postings.add(plain.get(0));
        for (int i = 0; i < shares.size(); i++) {
            Posting share = shares.get(i);
            add(postings, share.account(), share.amount().minus(held.get(i)), share.line());
            add(postings, LedgerAccount.deferred(share.account()), held.get(i), share.line());
        }
        return postings;
    }

    /**
     * The postings that claw back a pay-per-outcome line's shares: each payee's target is its exact proportion of the
     * cumulative refund, as in {@link #clawback}, computed on its whole share (recognised plus deferred), and what it
     * gives back comes out of its deferred revenue first. A refund of exactly the at-risk part therefore empties
     * every deferred account of the line to the cent and leaves the recognised shares untouched.
     *
     * @param clearing      the provider's clearing account
     * @param line          the line number
     * @param whole         each payee's whole share of the line at payment, in payment order
     * @param alreadyClawed what each payee (with its deferred account) already gave back on this line
     * @param held          what each payee's deferred account still holds for this line
     * @param refundedSoFar the line's refunds before this one
     * @param refund        this refund
     * @return the postings, summing to zero
     */
    static List<Posting> deferredClawback(LedgerAccount clearing, int line, Map<LedgerAccount, Money> whole,
                                          Map<LedgerAccount, Money> alreadyClawed, Map<LedgerAccount, Money> held,
                                          Money refundedSoFar, Money refund) {
        Money cumulative = refundedSoFar.plus(refund);
        List<LedgerAccount> payees = new ArrayList<>(whole.keySet());
        List<Money> targets = cumulative.allocate(payees.stream().mapToLong(a -> whole.get(a).minor()).toArray());
        Money zero = Money.zero(refund.currency());
        List<Posting> postings = new ArrayList<>();
        postings.add(new Posting(clearing, refund, line));
        for (int i = 0; i < payees.size(); i++) {
            LedgerAccount payee = payees.get(i);
            Money delta = targets.get(i).minus(alreadyClawed.getOrDefault(payee, zero));
            Money fromDeferred = delta.isPositive() ? delta.min(held.getOrDefault(payee, zero).max(zero)) : zero;
            add(postings, LedgerAccount.deferred(payee), fromDeferred.negate(), line);
            add(postings, payee, delta.minus(fromDeferred).negate(), line);
        }
        return postings;
    }

    /**
     * The postings that recognise what a line's deferred accounts still hold: each moves to its payee.
     *
     * @param line the line number
     * @param held what each payee's deferred account holds for the line
     * @return the postings, summing to zero (empty if nothing is held)
     */
    static List<Posting> recognition(int line, Map<LedgerAccount, Money> held) {
        List<Posting> postings = new ArrayList<>();
        held.forEach((payee, amount) -> {
            add(postings, LedgerAccount.deferred(payee), amount.negate(), line);
            add(postings, payee, amount, line);
        });
        return postings;
    }

    /**
     * The postings that claw back a line's shares so that, after this refund, each share has given back its exact
     * proportion of the cumulative refund. Computing on the cumulative amount (not on this refund alone) makes a
     * line refunded in full return every share to the cent, whatever the earlier partial refunds were.
     *
     * @param clearing      the provider's clearing account
     * @param line          the line number
     * @param shares        the line's payment postings to payees (positive), in payment order
     * @param alreadyClawed what each payee account already gave back on this line (positive amounts)
     * @param refundedSoFar the line's refunds before this one
     * @param refund        this refund
     * @return the postings, summing to zero
     */
    static List<Posting> clawback(LedgerAccount clearing, int line, List<Posting> shares,
                                  Map<LedgerAccount, Money> alreadyClawed, Money refundedSoFar, Money refund) {
        Money cumulative = refundedSoFar.plus(refund);
        long[] ratios = shares.stream().mapToLong(p -> p.amount().minor()).toArray();
        List<Money> targets = cumulative.allocate(ratios);
        List<Posting> postings = new ArrayList<>();
        postings.add(new Posting(clearing, refund, line));
        Map<LedgerAccount, Money> deltas = new LinkedHashMap<>();
        for (int i = 0; i < shares.size(); i++) {
            LedgerAccount account = shares.get(i).account();
            Money before = alreadyClawed.getOrDefault(account, Money.zero(refund.currency()));
            deltas.merge(account, targets.get(i).minus(before), Money::plus);
        }
        deltas.forEach((account, delta) -> add(postings, account, delta.negate(), line));
        return postings;
    }

    private static void add(List<Posting> postings, LedgerAccount account, Money amount, int line) {
        if (!amount.isZero()) {
            postings.add(new Posting(account, amount, line));
        }
    }
}
