package io.learnloop.payment;

import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.money.Money;
import io.learnloop.payment.internal.payout.DefaultPayouts;
import io.learnloop.payment.spi.PayoutChannel;
import io.learnloop.payment.spi.PayoutMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Payouts: creators' and affiliates' ledger balances paid out for real, through Stripe Connect transfers, WeChat Pay
 * profit sharing or Alipay royalty settlement.
 *
 * <pre>{@code
 * Payouts payouts = Payouts.builder(learnloop)
 *     .channel(new StripeConnect(stripeConfig))
 *     .destinations((provider, payee) -> connectedAccounts.get(payee))
 *     .build();
 * PayoutReport step = payouts.run(finance, PayoutRun.first(ProviderId.STRIPE, usd, "2026-11", 100));
 * while (step.hasMore()) {
 *     step = payouts.run(finance, PayoutRun.first(ProviderId.STRIPE, usd, "2026-11", 100).next(step));
 * }
 * payouts.reconcile(finance, 100);   // on a schedule: settles what the providers confirmed later
 * }</pre>
 *
 * <p>Every payout is recorded under a deterministic payout key (payee, provider and period, or payee and order)
 * before the provider is called, and that key is the provider's idempotency key: a run that crashed and runs again,
 * two runs at once, or two hosts on one store send each transfer at most once per key and the provider moves the
 * money at most once. A send is claimed by compare-and-set, so only one caller sends a given attempt at a time. The
 * ledger's payout entry ({@code PAYOUT:<payoutKey>}) is posted only when the provider confirms the transfer, at once
 * or later through {@link #reconcile}. One payee failing never stops the others: a failure that may be repeated
 * leaves the payout RETRY for the next run or reconciliation (same key); a refusal (receiver not bound, funds short,
 * no account mapped) parks it in the review queue ({@link Payments#reviewQueue}, event id {@code payout:<key>})
 * with the reason, never to be sent again on its own.
 *
 * <p>Roles: every operation needs {@link io.learnloop.core.identity.Role#FINANCE}.
 *
 * <p>Thread-safe. The builder is not.
 */
public interface Payouts {
    /**
     * Runs one step of a balance payout: reads one page of the currency's balances in account order and pays every
     * creator and affiliate with a positive balance through the provider, once per period. A payee that already has
     * an open payout at the provider (an earlier period still unconfirmed) is skipped until it settles; a payee whose
     * payout of this period exists is not paid again (a RETRY payout is sent again with its key).
     *
     * @param actor someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param run   the provider, currency, period, cursor and page size
     * @return what was done, with the cursor of the next step
     * @throws ForbiddenException  if the actor lacks the role
     * @throws ValidationException if the provider has no payout channel or pays out per order
     */
    PayoutReport run(Actor actor, PayoutRun run);

    /**
     * Splits one paid order: each creator's and affiliate's share of it (what the ledger posted for the order, less
     * its refunds) is sent to them through the provider the order was paid with (a {@link PayoutMode#ORDER_SPLIT}
     * channel). Idempotent per (order, payee): calling again sends only what is still RETRY or NEW.
     *
     * @param actor    someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param provider the provider
     * @param order    the paid order
     * @return what was done
     * @throws ForbiddenException  if the actor lacks the role
     * @throws ValidationException if the provider has no split channel
     * @throws ConflictException   with INVALID_STATE if the order is not paid through that provider
     */
    PayoutReport splitOrder(Actor actor, ProviderId provider, OrderId order);

    /**
     * Settles open payouts, the least recently changed first: a SENT one is asked about (confirmed: posted;
     * refused: parked; unknown to the provider: sent again with its key; still processing: left SENT), a RETRY or NEW
     * one is sent again with its key. The host schedules it.
     *
     * @param actor someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param limit the most payouts to look at, 1 to {@value io.learnloop.core.Page#MAX_LIMIT}
     * @return what was done
     * @throws ForbiddenException if the actor lacks the role
     */
    PayoutReport reconcile(Actor actor, int limit);

    /**
     * Takes money of a confirmed payout back from the payee at the provider (Stripe transfer reversal, WeChat Pay
     * profit-sharing return) and, once the provider confirms, posts the reversing ledger entry. Idempotent per
     * return key: the provider is called with the same return reference and the ledger posts it once.
     *
     * @param actor     someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param payoutKey the payout
     * @param returnKey the caller's key of this return, 1 to 64 characters
     * @param amount    how much, at most what is left of the payout
     * @param reason    why, up to 80 characters, or null
     * @return the payout; {@link Payout#returned()} includes the amount once the provider confirmed it
     * @throws NotFoundException   if there is no such payout
     * @throws ConflictException   with INVALID_STATE if the payout is not CONFIRMED
     * @throws ValidationException if the amount exceeds what is left or is in another currency
     * @throws RemoteException     if the provider failed; calling again with the same key is safe
     */
    Payout reverse(Actor actor, String payoutKey, String returnKey, Money amount, String reason);

    /**
     * Records money of a confirmed payout that the provider reports came back on its own (a Stripe
     * {@code transfer.reversed} event, a returned bank payout): the reversing ledger entry is posted once per return
     * key.
     *
     * @param actor     someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param payoutKey the payout
     * @param returnKey the provider's id of the return (for example the reversal's id), without ':'
     * @param amount    how much came back
     * @return the payout
     * @throws NotFoundException   if there is no such payout
     * @throws ConflictException   with INVALID_STATE if the payout is not CONFIRMED
     * @throws ValidationException if the amount exceeds what is left of the payout
     */
    Payout recordReturn(Actor actor, String payoutKey, String returnKey, Money amount);

    /**
     * One payout.
     *
     * @param actor     someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param payoutKey the payout key
     * @return the payout
     * @throws NotFoundException if there is no such payout
     */
    Payout payout(Actor actor, String payoutKey);

    /**
     * Starts a builder.
     *
     * @param learnloop the facade whose ledger and store are used
     * @return a builder
     */
    static Builder builder(Learnloop learnloop) {
        return new Builder(learnloop);
    }

    /**
     * Builds {@link Payouts}.
     *
     * <p>Not thread-safe.
     */
    final class Builder {
        private final Learnloop learnloop;
        private final List<PayoutChannel> channels = new ArrayList<>();
        private PayoutDestinations destinations;
        private String description = "Payout";

        private Builder(Learnloop learnloop) {
            this.learnloop = Objects.requireNonNull(learnloop, "learnloop");
        }

        /**
         * Adds a payout channel.
         *
         * @param channel the channel
         * @return this builder
         */
        public Builder channel(PayoutChannel channel) {
            channels.add(Objects.requireNonNull(channel, "channel"));
            return this;
        }

        /**
         * Sets the map from payees to provider accounts (required).
         *
         * @param value the map
         * @return this builder
         */
        public Builder destinations(PayoutDestinations value) {
            this.destinations = Objects.requireNonNull(value, "destinations");
            return this;
        }

        /**
         * Sets the description the provider shows the payee (default {@code Payout}), 1 to 80 characters.
         *
         * @param value the text
         * @return this builder
         */
        public Builder description(String value) {
            new io.learnloop.core.error.Validator().notBlank("description", value, 80).throwIfInvalid();
            this.description = value;
            return this;
        }

        /**
         * Builds the service.
         *
         * @return the service
         * @throws ValidationException if no channel or no destinations are configured, or two channels share an id
         */
        public Payouts build() {
            return new DefaultPayouts(learnloop, channels, destinations, description);
        }
    }
}
