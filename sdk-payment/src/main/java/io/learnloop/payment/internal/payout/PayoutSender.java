package io.learnloop.payment.internal.payout;

import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.PayoutRequest;
import io.learnloop.core.ledger.PayoutReturn;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.Payout;
import io.learnloop.payment.PayoutDestination;
import io.learnloop.payment.PayoutDestinations;
import io.learnloop.payment.PayoutStatus;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.spi.PayoutChannel;
import io.learnloop.payment.spi.PayoutResult;
import io.learnloop.payment.spi.PayoutTransfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Moves one payout along: claims it by compare-and-set, sends it, and turns the provider's answer into its next
 * state; posts the ledger payout only on a confirmation.
 *
 * <p>Thread-safe: immutable.
 */
final class PayoutSender {
    private static final Logger LOG = LoggerFactory.getLogger(PayoutSender.class);

    private final Learnloop learnloop;
    private final ServiceContext ctx;
    private final Map<String, PayoutChannel> channels;
    private final PayoutDestinations destinations;
    private final String description;

    PayoutSender(Learnloop learnloop, Map<String, PayoutChannel> channels, PayoutDestinations destinations,
                 String description) {
        this.learnloop = learnloop;
        this.ctx = learnloop.context();
        this.channels = channels;
        this.destinations = destinations;
        this.description = description;
    }

    /** Sends a NEW or RETRY payout (once, whoever else tries at the same time); returns others as they are. */
    Payout advance(Actor actor, PayoutAttempt attempt) {
        if (attempt.status() != PayoutStatus.NEW && attempt.status() != PayoutStatus.RETRY) {
            return attempt.view();
        }
        PayoutChannel channel = channels.get(attempt.provider());
        PayoutDestination destination = destinations.destination(channel.id(), attempt.payee());
        if (destination == null) {
            return park(attempt, "no " + attempt.provider() + " account is bound to " + attempt.payee()).view();
        }
        String shortfall = shortfall(actor, attempt);
        if (shortfall != null) {
            return park(attempt, shortfall).view();
        }
        PayoutAttempt claimed = claim(attempt);
        if (claimed == null) {
            return current(attempt.id()).view();
        }
        PayoutTransfer transfer = transfer(claimed, destination);
        PayoutResult result;
        try {
            result = channel.send(transfer);
        } catch (RemoteException e) {
            return failed(claimed, e).view();
        } catch (ValidationException e) {
            return park(claimed, e.getMessage()).view();
        }
        return answered(actor, claimed, result).view();
    }

    /** Asks the provider about a SENT payout and acts on the answer. */
    Payout settle(Actor actor, PayoutAttempt attempt) {
        PayoutChannel channel = channels.get(attempt.provider());
        PayoutDestination destination = destinations.destination(channel.id(), attempt.payee());
        if (destination == null) {
            // the destination is only needed to describe the transfer; the key alone finds it at the provider
            destination = PayoutDestination.of("unbound");
        }
        PayoutResult result;
        try {
            result = channel.query(transfer(attempt, destination));
        } catch (ValidationException e) {
            LOG.warn("payout {} cannot be queried: {}", attempt.id(), e.getMessage());
            return move(attempt, a -> a.in(PayoutStatus.SENT, null, e.getMessage(), ctx.now())).view();
        } catch (RemoteException e) {
            LOG.warn("payout {} could not be queried: {}", attempt.id(), e.getMessage());
            return move(attempt, a -> a.in(PayoutStatus.SENT, null, e.getMessage(), ctx.now())).view();
        }
        if (result.state() == PayoutResult.State.NOT_FOUND) {
            // never arrived: the same key may be sent again and cannot pay twice
            PayoutAttempt retry = move(attempt, a -> a.in(PayoutStatus.RETRY, null, result.detail(), ctx.now()));
            return advance(actor, retry);
        }
        return answered(actor, attempt, result).view();
    }

    Payout reverse(Actor actor, PayoutAttempt attempt, String returnKey, Money amount, String reason) {
        String reference = PayoutKeys.forReturn(attempt.id(), returnKey);
        if (attempt.returns().contains(reference)) {
            return attempt.view();
        }
        PayoutChannel channel = channels.get(attempt.provider());
        PayoutDestination destination = destinations.destination(channel.id(), attempt.payee());
        if (destination == null) {
            throw ValidationException.of("payoutKey", "no " + attempt.provider() + " account is bound to "
                    + attempt.payee() + " any more: bind it to take money back");
        }
        PayoutAttempt reserved = reserve(attempt, reference, amount);
        if (reserved.returns().contains(reference)) {
            return reserved.view();
        }
        PayoutTransfer sent = transfer(reserved, destination);
        // the provider shows the return's reason, not the payout's description
        PayoutResult result = channel.reverse(new PayoutTransfer(sent.payoutKey(), sent.payee(), sent.destination(),
                sent.amount(), sent.sourcePayment(), sent.group(), reason, sent.providerTransferId()), reference, amount);
        return switch (result.state()) {
            case CONFIRMED -> posted(actor, reserved, reference, amount, reason);
            case REJECTED, NOT_FOUND -> {
                // the provider took nothing back: what was held for this return may be asked for again
                move(reserved, a -> a.releasing(reference, ctx.now()));
                throw new ConflictException(ErrorCode.INVALID_STATE, attempt.provider() + " refused to take back "
                        + amount + " of payout '" + attempt.id() + "': " + result.detail());
            }
            case PENDING -> move(reserved, a -> a.in(a.status(), null, "return " + reference + " is processing at "
                    + a.provider() + "; call reverse again with the same return key", ctx.now())).view();
        };
    }

    /**
     * Holds a return's amount on the payout by compare-and-set before the provider is asked, so two returns under
     * different keys at once never ask for more than is left; a return asked for before (the same reference, whose
     * answer was lost or still processing) keeps its hold and is asked again, which the provider deduplicates. A hold
     * is released only when the provider refuses it; one whose answer was lost stays until the same return key is
     * sent again and answered.
     */
    private PayoutAttempt reserve(PayoutAttempt attempt, String reference, Money amount) {
        return ctx.transactRetrying(uow -> {
            Versioned<PayoutAttempt> now = uow.get(PayoutTypes.PAYOUT, attempt.id());
            PayoutAttempt a = now.value();
            if (a.returns().contains(reference)) {
                return a;
            }
            Money held = a.reserved().get(reference);
            if (held != null) {
                if (!held.equals(amount)) {
                    throw ValidationException.of("amount", "is " + amount + " but return '" + reference
                            + "' was asked for " + held + ": send it again with the same amount");
                }
                return a;
            }
            checkLeft(a, reference, amount);
            return uow.update(PayoutTypes.PAYOUT, a.reserving(reference, amount, ctx.now()), now.version()).value();
        });
    }

    /** Posts a return the provider confirmed, once per reference, and counts it on the payout. */
    Payout posted(Actor actor, PayoutAttempt attempt, String reference, Money amount, String memo) {
        if (attempt.returns().contains(reference)) {
            return attempt.view();
        }
        checkLeft(current(attempt.id()), reference, amount);
        learnloop.ledger().payoutReturn(actor, new PayoutReturn(attempt.id(), reference, amount, memo));
        return move(attempt, a -> a.returns().contains(reference) ? a : a.withReturn(reference, amount, ctx.now()))
                .view();
    }

    /**
     * Why the ledger could not take this payout now (the payee is owed less, or the provider holds less), checked
     * before the money moves; null if it can. The ledger checks again when it posts.
     */
    private String shortfall(Actor actor, PayoutAttempt attempt) {
        Money owed = learnloop.ledger().balance(actor, attempt.payee(), attempt.amount().currency());
        Money held = learnloop.ledger().balance(actor, LedgerAccount.clearing(attempt.provider()),
                attempt.amount().currency()).negate();
        if (attempt.amount().compareTo(owed) > 0) {
            return attempt.payee() + " is owed only " + owed + ", less than " + attempt.amount()
                    + " (paid out another way, or refunded since)";
        }
        if (attempt.amount().compareTo(held) > 0) {
            return attempt.provider() + " holds only " + held + ", less than " + attempt.amount();
        }
        return null;
    }

    private static void checkLeft(PayoutAttempt attempt, String reference, Money amount) {
        Money left = attempt.leftToReturn(reference);
        if (amount.compareTo(left) > 0) {
            throw ValidationException.of("amount", "is " + amount + " but only " + left + " of payout '"
                    + attempt.id() + "' is left to come back" + (attempt.reserved().isEmpty() ? ""
                    : " (" + attempt.reserved().size() + " return(s) asked of the provider are not settled yet)"));
        }
    }

    private PayoutAttempt answered(Actor actor, PayoutAttempt attempt, PayoutResult result) {
        return switch (result.state()) {
            case CONFIRMED -> confirm(actor, attempt, result);
            case PENDING -> move(attempt, a -> a.in(PayoutStatus.SENT, result.providerTransferId(), result.detail(),
                    ctx.now()));
            case REJECTED -> park(attempt.in(attempt.status(), result.providerTransferId(), null, attempt.updatedAt()),
                    attempt.provider() + " refused the payout: " + result.detail());
            case NOT_FOUND -> move(attempt, a -> a.in(PayoutStatus.RETRY, null, result.detail(), ctx.now()));
        };
    }

    private PayoutAttempt confirm(Actor actor, PayoutAttempt attempt, PayoutResult result) {
        if (result.amount() != null && !result.amount().equals(attempt.amount())) {
            return park(attempt, attempt.provider() + " confirmed " + result.amount() + " instead of "
                    + attempt.amount() + " (transfer " + result.providerTransferId() + ")");
        }
        String memo = result.providerTransferId() == null ? null : attempt.provider() + " " + result.providerTransferId();
        try {
            learnloop.ledger().payout(actor, new PayoutRequest(attempt.id(), attempt.payee(), attempt.amount(),
                    attempt.provider(), memo));
        } catch (ValidationException | ConflictException e) {
            // the money moved at the provider but the ledger cannot take it: a person must look
            return park(attempt.in(attempt.status(), result.providerTransferId(), null, attempt.updatedAt()),
                    attempt.provider() + " confirmed transfer " + result.providerTransferId()
                            + " but the ledger refused the payout: " + e.getMessage());
        }
        return move(attempt, a -> a.in(PayoutStatus.CONFIRMED, result.providerTransferId(), result.detail(),
                ctx.now()));
    }

    private PayoutAttempt failed(PayoutAttempt attempt, RemoteException e) {
        if (e.outcomeUnknown()) {
            // the provider may have the transfer: reconciliation asks before anything is sent again
            return move(attempt, a -> a.in(PayoutStatus.SENT, null, e.getMessage(), ctx.now()));
        }
        if (e.isRetryable()) {
            return move(attempt, a -> a.in(PayoutStatus.RETRY, null, e.getMessage(), ctx.now()));
        }
        return park(attempt, e.getMessage());
    }

    /** NEW or RETRY to SENT under compare-and-set; null if another caller claimed it first. */
    private PayoutAttempt claim(PayoutAttempt attempt) {
        try {
            return ctx.transact(uow -> {
                Versioned<PayoutAttempt> now = uow.get(PayoutTypes.PAYOUT, attempt.id());
                PayoutStatus s = now.value().status();
                if (s != PayoutStatus.NEW && s != PayoutStatus.RETRY) {
                    return null;
                }
                return uow.update(PayoutTypes.PAYOUT, now.value().sent(ctx.now()), now.version()).value();
            });
        } catch (LearnloopException e) {
            if (e.code() == ErrorCode.VERSION_CONFLICT) {
                return null;
            }
            throw e;
        }
    }

    private PayoutAttempt park(PayoutAttempt attempt, String reason) {
        LOG.warn("payout {} parked for review: {}", attempt.id(), reason);
        return ctx.transactRetrying(uow -> {
            Versioned<PayoutAttempt> now = uow.get(PayoutTypes.PAYOUT, attempt.id());
            if (now.value().status() == PayoutStatus.CONFIRMED) {
                return now.value();
            }
            PayoutAttempt parked = now.value().in(PayoutStatus.PARKED, attempt.providerTransferId(), reason,
                    ctx.now());
            PayoutReview.park(uow, parked, reason, ctx.now());
            return uow.update(PayoutTypes.PAYOUT, parked, now.version()).value();
        });
    }

    /** Applies a change to the stored payout; a confirmed or parked one is never moved back. */
    private PayoutAttempt move(PayoutAttempt attempt, UnaryOperator<PayoutAttempt> change) {
        return ctx.transactRetrying(uow -> {
            Versioned<PayoutAttempt> now = uow.get(PayoutTypes.PAYOUT, attempt.id());
            PayoutAttempt next = change.apply(now.value());
            boolean settled = !now.value().open();
            if (settled && next.open() || next.equals(now.value())) {
                return now.value();
            }
            return uow.update(PayoutTypes.PAYOUT, next, now.version()).value();
        });
    }

    private PayoutAttempt current(String id) {
        return ctx.read(uow -> uow.get(PayoutTypes.PAYOUT, id)).value();
    }

    private PayoutTransfer transfer(PayoutAttempt a, PayoutDestination destination) {
        return new PayoutTransfer(a.id(), a.payee(), destination, a.amount(), a.sourcePayment(), a.group(),
                description, a.providerTransferId());
    }

    @Override
    public String toString() {
        return "PayoutSender";
    }

    static ProviderId id(String provider) {
        return new ProviderId(provider);
    }
}
