package io.learnloop.core.internal.ledger;

import io.learnloop.core.internal.store.ConflictRetry;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.ledger.AccountKind;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.EntryOperation;
import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.LedgerService;
import io.learnloop.core.ledger.PaymentPosting;
import io.learnloop.core.ledger.PayoutRequest;
import io.learnloop.core.ledger.Posting;
import io.learnloop.core.ledger.RefundPosting;
import io.learnloop.core.ledger.SaleLine;
import io.learnloop.core.ledger.Statement;
import io.learnloop.core.ledger.StatementLine;
import io.learnloop.core.money.CurrencyMismatchException;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The ledger on the core store.
 *
 * <p>Thread-safe: holds only immutable state; all shared state lives in the store.
 */
public final class DefaultLedgerService implements LedgerService {
    /** Entries on busy accounts (the platform's) retry when another entry moved the same balance first. */
    private static final int MAX_ATTEMPTS = ConflictRetry.ATTEMPTS;

    private final ServiceContext ctx;

    /**
     * Creates the ledger.
     *
     * @param ctx the facade's context
     */
    public DefaultLedgerService(ServiceContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public JournalEntry recordPayment(PaymentPosting posting) {
        new Validator().notNull("posting", posting).throwIfInvalid();
        Currency currency = posting.lines().get(0).net().currency();
        LedgerAccount clearing = LedgerAccount.clearing(posting.provider());
        List<Posting> postings = new ArrayList<>();
        for (int i = 0; i < posting.lines().size(); i++) {
            SaleLine line = posting.lines().get(i);
            if (!line.net().currency().equals(currency)) {
                throw new CurrencyMismatchException("lines[" + i + "].net", currency, line.net().currency());
            }
            postings.addAll(Splits.payment(clearing, line));
        }
        String key = posting.orderId().value() + ":" + EntryOperation.PAYMENT;
        return post(key, existing -> {
            if (!existing.postings().equals(postings)) {
                throw new ConflictException(ErrorCode.DUPLICATE_KEY, "The payment of order " + posting.orderId()
                        + " was already posted with other amounts or shares (entry " + existing.id() + ").");
            }
        }, uow -> new JournalEntry(ctx.newId(), key, EntryOperation.PAYMENT, posting.orderId(), currency, postings,
                null, ctx.now()));
    }

    @Override
    public JournalEntry recordRefund(RefundPosting posting) {
        new Validator().notNull("posting", posting).throwIfInvalid();
        String key = posting.orderId().value() + ":" + EntryOperation.REFUND + ":" + posting.refundKey();
        return post(key, existing -> {
            List<LineAmount> recorded = new ArrayList<>();
            for (Posting p : existing.postings()) {
                if (p.account().kind() == AccountKind.CLEARING) {
                    recorded.add(LineAmount.of(p.line(), p.amount()));
                }
            }
            if (!recorded.equals(posting.lines())) {
                throw new ConflictException(ErrorCode.DUPLICATE_KEY, "Refund '" + posting.refundKey() + "' of order "
                        + posting.orderId() + " was already posted with other amounts (entry " + existing.id() + ").");
            }
        }, uow -> refundEntry(uow, key, posting));
    }

    private JournalEntry refundEntry(UnitOfWork uow, String key, RefundPosting posting) {
        List<JournalEntry> history = uow.findBy(LedgerTypes.ENTRY, "order", posting.orderId().value()).stream()
                .map(Versioned::value).toList();
        JournalEntry payment = history.stream().filter(e -> e.operation() == EntryOperation.PAYMENT).findFirst()
                .orElseThrow(() -> new ConflictException(ErrorCode.INVALID_STATE, "Order " + posting.orderId()
                        + " has no posted payment; post the payment before its refunds."));
        Currency currency = payment.currency();
        List<Posting> postings = new ArrayList<>();
        Validator v = new Validator();
        for (int i = 0; i < posting.lines().size(); i++) {
            LineAmount la = posting.lines().get(i);
            String field = "lines[" + i + "].amount";
            if (!la.amount().currency().equals(currency)) {
                throw new CurrencyMismatchException(field, currency, la.amount().currency());
            }
            LedgerAccount clearing = null;
            List<Posting> shares = new ArrayList<>();
            for (Posting p : payment.postings()) {
                if (p.line() != la.line()) {
                    continue;
                }
                if (p.account().kind() == AccountKind.CLEARING) {
                    clearing = p.account();
                } else {
                    shares.add(p);
                }
            }
            Money paid = Money.sum(currency, shares.stream().map(Posting::amount).toList());
            Money refundedSoFar = Money.zero(currency);
            Map<LedgerAccount, Money> clawed = new LinkedHashMap<>();
            for (JournalEntry e : history) {
                if (e.operation() != EntryOperation.REFUND) {
                    continue;
                }
                for (Posting p : e.postings()) {
                    if (p.line() != la.line()) {
                        continue;
                    }
                    if (p.account().kind() == AccountKind.CLEARING) {
                        refundedSoFar = refundedSoFar.plus(p.amount());
                    } else {
                        clawed.merge(p.account(), p.amount().negate(), Money::plus);
                    }
                }
            }
            Money left = paid.minus(refundedSoFar);
            if (la.amount().compareTo(left) > 0) {
                v.check(false, field, "is " + la.amount() + " but only " + left + " of line " + la.line()
                        + " of order " + posting.orderId() + " is left to refund");
                continue;
            }
            postings.addAll(Splits.clawback(clearing, la.line(), shares, clawed, refundedSoFar, la.amount()));
        }
        v.throwIfInvalid();
        return new JournalEntry(ctx.newId(), key, EntryOperation.REFUND, posting.orderId(), currency, postings, null,
                ctx.now());
    }

    @Override
    public JournalEntry payout(Actor actor, PayoutRequest request) {
        if (actor == null) {
            throw ValidationException.of("actor", "is required");
        }
        actor.require(Role.ADMIN, "pay money out");
        new Validator().notNull("request", request).throwIfInvalid();
        String key = EntryOperation.PAYOUT + ":" + request.payoutKey();
        LedgerAccount clearing = LedgerAccount.clearing(request.provider());
        Currency currency = request.amount().currency();
        List<Posting> postings = List.of(new Posting(request.payee(), request.amount().negate(), 0),
                new Posting(clearing, request.amount(), 0));
        return post(key, existing -> {
            if (!existing.postings().equals(postings)) {
                throw new ConflictException(ErrorCode.DUPLICATE_KEY, "Payout '" + request.payoutKey()
                        + "' was already made with another payee, amount or provider (entry " + existing.id() + ").");
            }
        }, uow -> {
            Money owed = balance(uow, request.payee(), currency);
            Money held = balance(uow, clearing, currency).negate();
            new Validator()
                    .check(request.amount().compareTo(owed) <= 0, "amount", "is " + request.amount() + " but "
                            + request.payee() + " is owed only " + owed)
                    .check(request.amount().compareTo(held) <= 0, "provider", request.provider() + " holds only "
                            + held + ", less than " + request.amount())
                    .throwIfInvalid();
            return new JournalEntry(ctx.newId(), key, EntryOperation.PAYOUT, null, currency, postings,
                    request.memo(), ctx.now());
        });
    }

    /**
     * Posts an entry once under its key: an existing entry is checked and returned; a new one is inserted with its
     * balance changes in one transaction, retried when a concurrent entry moved the same balances first.
     */
    private JournalEntry post(String key, java.util.function.Consumer<JournalEntry> checkExisting,
                              Function<UnitOfWork, JournalEntry> build) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            JournalEntry existing = ctx.read(uow -> uow.findUnique(LedgerTypes.ENTRY, "key", key)
                    .map(Versioned::value).orElse(null));
            if (existing != null) {
                checkExisting.accept(existing);
                return existing;
            }
            try {
                return ctx.transact(uow -> {
                    JournalEntry entry = build.apply(uow);
                    uow.insert(LedgerTypes.ENTRY, entry);
                    applyBalances(uow, entry);
                    Map<String, String> data = new LinkedHashMap<>();
                    data.put("entryId", entry.id());
                    data.put("key", entry.key());
                    data.put("operation", entry.operation().name());
                    data.put("currency", entry.currency().getCurrencyCode());
                    if (entry.orderId() != null) {
                        data.put("orderId", entry.orderId().value());
                    }
                    uow.publish(ctx.event(EventTypes.LEDGER_POSTED, entry.id(), data));
                    return entry;
                });
            } catch (ConflictException e) {
                if (e.code() == ErrorCode.INVALID_STATE) {
                    throw e;
                }
                ConflictRetry.pause(attempt);
            }
        }
        throw new ConflictException(ErrorCode.VERSION_CONFLICT, "Entry " + key + " could not be posted after "
                + MAX_ATTEMPTS + " attempts because its accounts are in heavy use; post it again.");
    }

    private void applyBalances(UnitOfWork uow, JournalEntry entry) {
        Map<LedgerAccount, Money> moves = new LinkedHashMap<>();
        for (Posting p : entry.postings()) {
            moves.merge(p.account(), p.amount(), Money::plus);
        }
        Instant now = entry.postedAt();
        for (Map.Entry<LedgerAccount, Money> m : moves.entrySet()) {
            String id = AccountBalance.idOf(m.getKey(), entry.currency());
            Versioned<AccountBalance> current = uow.find(LedgerTypes.BALANCE, id).orElse(null);
            if (current == null) {
                uow.insert(LedgerTypes.BALANCE, new AccountBalance(id, m.getKey(), m.getValue(), 1, now));
            } else {
                AccountBalance b = current.value();
                uow.update(LedgerTypes.BALANCE, new AccountBalance(id, b.account(), b.balance().plus(m.getValue()),
                        b.entries() + 1, now), current.version());
            }
        }
    }

    private static Money balance(UnitOfWork uow, LedgerAccount account, Currency currency) {
        return uow.find(LedgerTypes.BALANCE, AccountBalance.idOf(account, currency))
                .map(v -> v.value().balance()).orElse(Money.zero(currency));
    }

    @Override
    public Money balance(LedgerAccount account, Currency currency) {
        new Validator().notNull("account", account).notNull("currency", currency).throwIfInvalid();
        return ctx.read(uow -> balance(uow, account, currency));
    }

    @Override
    public List<Balance> balances(Currency currency) {
        new Validator().notNull("currency", currency).throwIfInvalid();
        return ctx.read(uow -> uow.findBy(LedgerTypes.BALANCE, "currency", currency.getCurrencyCode()).stream()
                .map(v -> new Balance(v.value().account(), v.value().balance())).toList());
    }

    @Override
    public List<JournalEntry> entriesOf(OrderId orderId) {
        new Validator().notNull("orderId", orderId).throwIfInvalid();
        return ctx.read(uow -> uow.findBy(LedgerTypes.ENTRY, "order", orderId.value()).stream()
                .map(Versioned::value).toList());
    }

    @Override
    public List<JournalEntry> entriesOf(LedgerAccount account, Currency currency) {
        new Validator().notNull("account", account).notNull("currency", currency).throwIfInvalid();
        return ctx.read(uow -> uow.findBy(LedgerTypes.ENTRY, "account", AccountBalance.idOf(account, currency))
                .stream().map(Versioned::value).toList());
    }

    @Override
    public Statement statement(Actor viewer, LedgerAccount account, Currency currency, Instant from, Instant to) {
        new Validator().notNull("viewer", viewer).notNull("account", account).notNull("currency", currency)
                .notNull("from", from).notNull("to", to)
                .check(from == null || to == null || !to.isBefore(from), "to", "must not be before from")
                .throwIfInvalid();
        boolean own = (account.kind() == AccountKind.CREATOR || account.kind() == AccountKind.AFFILIATE)
                && account.owner().equals(viewer.id().value());
        if (!own && !viewer.has(Role.ADMIN)) {
            throw new ForbiddenException("User '" + viewer.id() + "' may not read the statement of " + account
                    + ": only its owner or an admin may.");
        }
        List<JournalEntry> entries = entriesOf(account, currency);
        Money opening = Money.zero(currency);
        for (JournalEntry e : entries) {
            if (e.postedAt().isBefore(from)) {
                opening = opening.plus(e.amountFor(account));
            }
        }
        List<StatementLine> lines = new ArrayList<>();
        Money running = opening;
        for (JournalEntry e : entries) {
            if (!e.postedAt().isBefore(from) && e.postedAt().isBefore(to)) {
                Money amount = e.amountFor(account);
                running = running.plus(amount);
                lines.add(new StatementLine(e.id(), e.postedAt(), e.operation(), e.orderId(), amount, running));
            }
        }
        return new Statement(account, from, to, opening, lines, running);
    }
}
