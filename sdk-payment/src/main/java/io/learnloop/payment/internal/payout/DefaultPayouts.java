package io.learnloop.payment.internal.payout;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.ledger.AccountKind;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.EntryOperation;
import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.Posting;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.Payout;
import io.learnloop.payment.PayoutDestinations;
import io.learnloop.payment.PayoutReport;
import io.learnloop.payment.PayoutRun;
import io.learnloop.payment.PayoutStatus;
import io.learnloop.payment.Payouts;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.spi.PayoutChannel;
import io.learnloop.payment.spi.PayoutMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The payout desk: records payouts under deterministic keys, sends them through their channel and settles them.
 *
 * <p>Thread-safe: immutable; all shared state lives in the store.
 */
public final class DefaultPayouts implements Payouts {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPayouts.class);
    /** The most open payouts of one payee a run reads; a payee with more waits until some settle. */
    private static final int MAX_OPEN = 1_000;

    private final Learnloop learnloop;
    private final ServiceContext ctx;
    private final Map<String, PayoutChannel> channels;
    private final PayoutSender sender;
    private final String description;

    /**
     * Creates the desk.
     *
     * @param learnloop    the facade
     * @param channels     the channels
     * @param destinations the host's map of payees to provider accounts
     * @param description  what the provider shows the payee
     */
    public DefaultPayouts(Learnloop learnloop, List<PayoutChannel> channels, PayoutDestinations destinations,
                          String description) {
        new Validator().notNull("destinations", destinations).notEmpty("channels", channels).throwIfInvalid();
        this.learnloop = Objects.requireNonNull(learnloop, "learnloop");
        this.ctx = learnloop.context();
        Map<String, PayoutChannel> byId = new LinkedHashMap<>();
        for (PayoutChannel c : channels) {
            if (byId.put(c.id().value(), c) != null) {
                throw ValidationException.of("channels", "two payout channels share the id '" + c.id() + "'");
            }
        }
        this.channels = Map.copyOf(byId);
        this.description = description;
        this.sender = new PayoutSender(learnloop, this.channels, destinations, description);
    }

    @Override
    public PayoutReport run(Actor actor, PayoutRun run) {
        require(actor, "run payouts");
        new Validator().notNull("run", run).throwIfInvalid();
        PayoutChannel channel = channel(run.provider(), PayoutMode.BALANCE);
        String provider = channel.id().value();
        Page<Balance> page = learnloop.ledger().balances(actor, run.currency(), run.cursor(), run.limit());
        List<Payout> done = new ArrayList<>();
        for (Balance b : page.items()) {
            LedgerAccount payee = b.account();
            if (!payable(payee) || !b.amount().isPositive()) {
                continue;
            }
            String key = PayoutKeys.forPeriod(provider, run.period(), payee, run.currency());
            // what was on its way before the balance is read: a payout confirmed after this read has left the
            // balance read next, one confirmed before it is no longer open here, so nothing is counted twice
            Map<String, Money> onItsWay = ctx.read(uow -> openPayouts(uow, payee, run.currency()));
            Money owed = learnloop.ledger().balance(actor, payee, run.currency());
            PayoutAttempt attempt = ctx.transactRetrying(uow -> {
                Versioned<PayoutAttempt> existing = uow.find(PayoutTypes.PAYOUT, key).orElse(null);
                if (existing != null) {
                    return existing.value();
                }
                claim(uow, payee, run.currency());
                // an earlier period's payout still open holds part of this balance: wait until it settles
                if (!uow.findBy(PayoutTypes.PAYOUT, PayoutTypes.OPEN, PayoutTypes.openKey(provider, payee.key(),
                        run.currency().getCurrencyCode())).isEmpty()) {
                    return null;
                }
                // money another channel (an order split) or run is sending is still in the balance: leave it
                Money free = free(owed, onItsWay, openPayouts(uow, payee, run.currency()));
                if (free == null || !free.isPositive()) {
                    return null;
                }
                PayoutAttempt created = new PayoutAttempt(key, provider, payee, free, null, null,
                        "payout-" + run.period(), PayoutStatus.NEW.name(), null, List.of(),
                        Money.zero(run.currency()), 0, null, ctx.now(), ctx.now(), Map.of());
                return uow.insert(PayoutTypes.PAYOUT, created).value();
            });
            if (attempt != null) {
                done.add(guarded(attempt, () -> sender.advance(actor, attempt)));
            }
        }
        return report(done, page.nextCursor());
    }

    /**
     * What the payee is owed less every payout of theirs on its way, read before the balance and again under the
     * guard (a payout in both reads counts once), or null when either read was too long to hold.
     */
    private static Money free(Money owed, Map<String, Money> before, Map<String, Money> now) {
        if (before == null || now == null) {
            return null;
        }
        Map<String, Money> open = new LinkedHashMap<>(before);
        open.putAll(now);
        Money free = owed;
        for (Money m : open.values()) {
            free = free.minus(m);
        }
        return free;
    }

    /**
     * Rewrites the payee's guard row, so that of two transactions recording a payout of theirs at once only one
     * commits and the other runs again on what the first recorded.
     */
    private void claim(UnitOfWork uow, LedgerAccount payee, Currency currency) {
        String id = PayoutTypes.openKey(payee.key(), currency.getCurrencyCode());
        Versioned<PayeeGuard> guard = uow.find(PayoutTypes.GUARD, id).orElse(null);
        if (guard == null) {
            uow.insert(PayoutTypes.GUARD, new PayeeGuard(id, 1, ctx.now()));
        } else {
            uow.update(PayoutTypes.GUARD, guard.value().next(ctx.now()), guard.version());
        }
    }

    /**
     * The payee's open payouts in every channel by key, or null if there are more than one read may hold (then
     * nothing new is paid until some settle).
     */
    private static Map<String, Money> openPayouts(UnitOfWork uow, LedgerAccount payee, Currency currency) {
        List<Versioned<PayoutAttempt>> open = uow.findRange(PayoutTypes.PAYOUT, PayoutTypes.OPEN_BY_PAYEE,
                PayoutTypes.openKey(payee.key(), currency.getCurrencyCode()), IndexRange.first(MAX_OPEN));
        if (open.size() >= MAX_OPEN) {
            return null;
        }
        Map<String, Money> byKey = new LinkedHashMap<>();
        for (Versioned<PayoutAttempt> v : open) {
            byKey.put(v.value().id(), v.value().amount());
        }
        return byKey;
    }

    @Override
    public PayoutReport splitOrder(Actor actor, ProviderId provider, OrderId orderId) {
        require(actor, "split an order's payment");
        new Validator().notNull("provider", provider).notNull("order", orderId).throwIfInvalid();
        PayoutChannel channel = channel(provider, PayoutMode.ORDER_SPLIT);
        Order order = learnloop.settlement().order(orderId);
        if (order.payment() == null || !provider.value().equals(order.payment().provider())
                || order.status() != OrderStatus.PAID && order.status() != OrderStatus.PARTIALLY_REFUNDED) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Order " + orderId + " is " + order.status()
                    + (order.payment() == null ? "" : " through " + order.payment().provider())
                    + ": only an order paid through " + provider + " and not refunded in full can be split.");
        }
        Map<LedgerAccount, Money> shares = new LinkedHashMap<>();
        for (JournalEntry e : learnloop.ledger().entriesOf(actor, orderId)) {
            if (e.operation() != EntryOperation.PAYMENT && e.operation() != EntryOperation.REFUND) {
                continue;
            }
            for (Posting p : e.postings()) {
                if (payable(p.account())) {
                    shares.merge(p.account(), p.amount(), Money::plus);
                }
            }
        }
        String group = "order-" + orderId.value();
        List<Payout> done = new ArrayList<>();
        for (Map.Entry<LedgerAccount, Money> share : shares.entrySet()) {
            if (!share.getValue().isPositive()) {
                continue;
            }
            String key = PayoutKeys.forOrder(channel.id().value(), orderId, share.getKey());
            LedgerAccount payee = share.getKey();
            Currency currency = share.getValue().currency();
            // as in a balance run: what is on its way is read before the balance, and again under the guard
            Map<String, Money> onItsWay = ctx.read(uow -> openPayouts(uow, payee, currency));
            Money owed = learnloop.ledger().balance(actor, payee, currency);
            PayoutAttempt attempt = ctx.transactRetrying(uow -> {
                Versioned<PayoutAttempt> existing = uow.find(PayoutTypes.PAYOUT, key).orElse(null);
                if (existing != null) {
                    return existing.value();
                }
                claim(uow, payee, currency);
                // a balance payout on its way already carries this share: splitting it too would pay it twice
                Money free = free(owed, onItsWay, openPayouts(uow, payee, currency));
                if (free == null || free.compareTo(share.getValue()) < 0) {
                    return null;
                }
                return uow.insert(PayoutTypes.PAYOUT, new PayoutAttempt(key, channel.id().value(), payee,
                        share.getValue(), orderId.value(), order.payment().reference(),
                        group.length() > 64 ? group.substring(0, 64) : group, PayoutStatus.NEW.name(), null,
                        List.of(), Money.zero(currency), 0, null, ctx.now(), ctx.now(), Map.of())).value();
            });
            if (attempt != null) {
                done.add(guarded(attempt, () -> sender.advance(actor, attempt)));
            }
        }
        return report(done, null);
    }

    @Override
    public PayoutReport reconcile(Actor actor, int limit) {
        require(actor, "reconcile payouts");
        new Validator().check(limit >= 1 && limit <= Page.MAX_LIMIT, "limit", "must be 1 to " + Page.MAX_LIMIT)
                .throwIfInvalid();
        List<PayoutAttempt> open = new ArrayList<>();
        for (PayoutStatus s : List.of(PayoutStatus.SENT, PayoutStatus.RETRY, PayoutStatus.NEW)) {
            int left = limit - open.size();
            if (left <= 0) {
                break;
            }
            open.addAll(ctx.read(uow -> uow.findRange(PayoutTypes.PAYOUT, PayoutTypes.BY_STATE, s.name(),
                    IndexRange.first(left))).stream().map(Versioned::value).toList());
        }
        List<Payout> done = new ArrayList<>();
        for (PayoutAttempt a : open) {
            if (!channels.containsKey(a.provider())) {
                continue;
            }
            done.add(guarded(a, () -> a.status() == PayoutStatus.SENT ? sender.settle(actor, a)
                    : sender.advance(actor, a)));
        }
        return report(done, null);
    }

    @Override
    public Payout reverse(Actor actor, String payoutKey, String returnKey, Money amount, String reason) {
        require(actor, "reverse a payout");
        new Validator().notBlank("payoutKey", payoutKey, 64).notBlank("returnKey", returnKey, 64)
                .notNull("amount", amount).check(amount == null || amount.isPositive(), "amount", "must be positive")
                .maxLength("reason", reason, 80).throwIfInvalid();
        return sender.reverse(actor, confirmed(payoutKey, amount), returnKey, amount,
                reason == null ? description : reason);
    }

    @Override
    public Payout recordReturn(Actor actor, String payoutKey, String returnKey, Money amount) {
        require(actor, "record a returned payout");
        new Validator().notBlank("payoutKey", payoutKey, 64).notBlank("returnKey", returnKey, 128)
                .check(returnKey == null || returnKey.indexOf(':') < 0, "returnKey", "must not contain ':'")
                .notNull("amount", amount).check(amount == null || amount.isPositive(), "amount", "must be positive")
                .throwIfInvalid();
        return sender.posted(actor, confirmed(payoutKey, amount), returnKey, amount, "returned by the provider");
    }

    @Override
    public Payout payout(Actor actor, String payoutKey) {
        require(actor, "read a payout");
        new Validator().notBlank("payoutKey", payoutKey, 64).throwIfInvalid();
        return load(payoutKey).view();
    }

    /** One payee's failure (a store conflict, the host's destination lookup) never stops the others. */
    private Payout guarded(PayoutAttempt attempt, java.util.function.Supplier<Payout> step) {
        try {
            return step.get();
        } catch (LearnloopException e) {
            LOG.warn("payout {} left {} for the next run: {}", attempt.id(), attempt.state(), e.getMessage());
            return load(attempt.id()).view();
        }
    }

    private PayoutAttempt confirmed(String payoutKey, Money amount) {
        PayoutAttempt a = load(payoutKey);
        if (a.status() != PayoutStatus.CONFIRMED) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Payout '" + payoutKey + "' is " + a.state()
                    + ": only a confirmed payout can come back.");
        }
        if (!amount.currency().equals(a.amount().currency())) {
            throw ValidationException.of("amount", "is in " + amount.currency() + " but payout '" + payoutKey
                    + "' was paid in " + a.amount().currency());
        }
        return a;
    }

    private PayoutAttempt load(String payoutKey) {
        return ctx.read(uow -> uow.find(PayoutTypes.PAYOUT, payoutKey)).map(Versioned::value)
                .orElseThrow(() -> new NotFoundException("payout", payoutKey));
    }

    private PayoutChannel channel(ProviderId provider, PayoutMode mode) {
        PayoutChannel channel = channels.get(provider.value());
        if (channel == null) {
            throw ValidationException.of("provider", "no payout channel is configured for '" + provider
                    + "': add it with Payouts.Builder.channel");
        }
        if (channel.mode() != mode) {
            throw ValidationException.of("provider", "'" + provider + "' pays out " + channel.mode() + ", not "
                    + mode + (mode == PayoutMode.BALANCE ? ": split its paid orders with splitOrder"
                    : ": pay its balances with run"));
        }
        return channel;
    }

    private static boolean payable(LedgerAccount account) {
        return account.kind() == AccountKind.CREATOR || account.kind() == AccountKind.AFFILIATE;
    }

    private static void require(Actor actor, String what) {
        if (actor == null) {
            throw ValidationException.of("actor", "is required");
        }
        actor.require(Role.FINANCE, what);
    }

    private static PayoutReport report(List<Payout> payouts, String nextCursor) {
        int confirmed = 0;
        int parked = 0;
        int pending = 0;
        for (Payout p : payouts) {
            switch (p.status()) {
                case CONFIRMED -> confirmed++;
                case PARKED -> parked++;
                default -> pending++;
            }
        }
        return new PayoutReport(payouts, confirmed, pending, parked, nextCursor);
    }

    @Override
    public String toString() {
        return "Payouts" + channels.keySet();
    }
}
