package io.learnloop.core.ledger;

import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A paid order to post: the provider that took the money, the commission it keeps and how each line is shared.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param orderId  the order
 * @param provider the provider whose clearing account received the money, 1 to 128 characters
 * @param lines    one sale line per paid line, each line number once, all in one currency
 * @param channelFeeBps the provider's commission in basis points of each line's net (0 to 10000), booked to its
 *                 {@link AccountKind#CHANNEL_FEE} account before the line's shares are split from the rest
 */
public record PaymentPosting(OrderId orderId, String provider, List<SaleLine> lines, int channelFeeBps) {
    /**
     * Validates and copies.
     *
     * @param orderId       the order
     * @param provider      the provider
     * @param lines         the lines
     * @param channelFeeBps the provider's commission
     */
    public PaymentPosting {
        Validator v = new Validator().notNull("orderId", orderId).notNull("provider", provider)
                .notNull("lines", lines)
                .check(channelFeeBps >= 0 && channelFeeBps <= 10_000, "channelFeeBps",
                        "must be 0 to 10000 (was " + channelFeeBps + ")");
        v.throwIfInvalid();
        v.check(!lines.isEmpty(), "lines", "must list at least one line")
                .check(lines.stream().noneMatch(Objects::isNull), "lines", "must not contain null");
        v.throwIfInvalid();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            v.check(seen.add(lines.get(i).line()), "lines[" + i + "].line", "repeats line " + lines.get(i).line());
        }
        v.throwIfInvalid();
        LedgerAccount.clearing(provider);
        lines = List.copyOf(lines);
    }

    /**
     * A posting without channel commission.
     *
     * @param orderId  the order
     * @param provider the provider
     * @param lines    the lines
     */
    public PaymentPosting(OrderId orderId, String provider, List<SaleLine> lines) {
        this(orderId, provider, lines, 0);
    }

    /**
     * The same posting with the provider's commission.
     *
     * @param bps the commission in basis points of each line's net, 0 to 10000
     * @return the changed posting
     */
    public PaymentPosting withChannelFee(int bps) {
        return new PaymentPosting(orderId, provider, lines, bps);
    }

    /**
     * The posting of a paid order under one revenue policy.
     *
     * @param order   the order, paid (it names the provider in its receipt)
     * @param policy  the revenue terms
     * @param parties who earns from each line
     * @return the posting
     * @throws ValidationException if the order has no payment receipt
     */
    public static PaymentPosting of(Order order, RevenuePolicy policy, Function<OrderLine, LineParties> parties) {
        new Validator().notNull("order", order).notNull("policy", policy).notNull("parties", parties).throwIfInvalid();
        if (order.payment() == null) {
            throw ValidationException.of("order.payment", "order " + order.id() + " has no payment receipt yet");
        }
        List<SaleLine> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            LineParties p = parties.apply(line);
            if (p == null) {
                throw ValidationException.of("parties", "gave no parties for line " + line.line());
            }
            lines.add(policy.split(line.line(), line.net(), p.creators(), p.affiliateChain()));
        }
        return new PaymentPosting(order.id(), order.payment().provider(), lines);
    }
}
