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
