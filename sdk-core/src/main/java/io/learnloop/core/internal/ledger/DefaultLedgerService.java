package io.learnloop.core.internal.ledger;

import io.learnloop.core.Page;
import io.learnloop.core.store.Pages;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
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
import io.learnloop.core.ledger.PayoutReturn;
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
import java.util.function.Consumer;

/**
 * The ledger on the core store.
 *
 * <p>Thread-safe: holds only immutable state; all shared state lives in the store.
 */
public final class DefaultLedgerService implements LedgerService {
    private final ServiceContext ctx;
    private final KnownAccounts accounts = new KnownAccounts();

    /**
     * Creates the ledger.
     *
     * @param ctx the facade's context
     */
    public DefaultLedgerService(ServiceContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /**
     * Posts a paid order inside the caller's unit of work (the settlement of its payment). Idempotent per order.
     *
     * @param uow     the unit of work
     * @param posting the order and how its lines are shared
     * @return the entry (the first one, if the order was posted before)
     * @throws ConflictException with DUPLICATE_KEY if the order was posted with other amounts or shares
     */
    public JournalEntry postPaymentWithin(UnitOfWork uow, PaymentPosting posting) {
        return postPaymentWithin(uow, posting, Map.of());
    }

    /**
     * Posts a paid order of which some lines' revenue is at risk (pay-per-outcome lines): the at-risk part of each
     * such line is held in its payees' deferred accounts until {@link #recogniseWithin} or a refund settles it.
     * Idempotent per order.
     *
     * @param uow     the unit of work
     * @param posting the order and how its lines are shared
     * @param atRisk  the part of each line's net that depends on the outcome, by line number (absent: none)
     * @return the entry (the first one, if the order was posted before)
     * @throws ConflictException with DUPLICATE_KEY if the order was posted with other amounts or shares
     */
    public JournalEntry postPaymentWithin(UnitOfWork uow, PaymentPosting posting, Map<Integer, Money> atRisk) {
        new Validator().notNull("posting", posting).notNull("atRisk", atRisk).throwIfInvalid();
        Currency currency = posting.lines().get(0).net().currency();
        LedgerAccount clearing = LedgerAccount.clearing(posting.provider());
        List<Posting> postings = new ArrayList<>();
        for (int i = 0; i < posting.lines().size(); i++) {
            SaleLine line = posting.lines().get(i);
            if (!line.net().currency().equals(currency)) {
                throw new CurrencyMismatchException("lines[" + i + "].net", currency, line.net().currency());
            }
            Money risk = atRisk.get(line.line());
            postings.addAll(risk == null ? Splits.payment(clearing, line, posting.channelFeeBps())
                    : Splits.payment(clearing, line, posting.channelFeeBps(), risk));
        }
        String key = posting.orderId().value() + ":" + EntryOperation.PAYMENT;
        return post(uow, key, existing -> {
            if (!existing.postings().equals(postings)) {
                throw new ConflictException(ErrorCode.DUPLICATE_KEY, "The payment of order " + posting.orderId()
                        + " was already posted with other amounts or shares (entry " + existing.id() + ").");
            }
        }, () -> new JournalEntry(ctx.newId(), key, EntryOperation.PAYMENT, posting.orderId(), currency, postings,
                null, ctx.now()));
    }

    /**
     * Posts a refund inside the caller's unit of work: the provider's clearing account pays the refund back and every
     * share of each refunded line gives back its proportion. Idempotent per (order, refund key).
     *
     * @param uow     the unit of work
     * @param posting the order, refund key and amounts per line
     * @return the entry
     * @throws ConflictException   with INVALID_STATE if the order's payment was not posted
     * @throws ValidationException if a line was not paid or would be refunded beyond its net
     */
    public JournalEntry postRefundWithin(UnitOfWork uow, RefundPosting posting) {
        new Validator().notNull("posting", posting).throwIfInvalid();
        String key = posting.orderId().value() + ":" + EntryOperation.REFUND + ":" + posting.refundKey();
        return post(uow, key, existing -> {
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
        }, () -> refundEntry(uow, key, posting));
    }

    /**
     * Whether an order's payment was posted.
     *
     * @param uow   the unit of work
     * @param order the order
     * @return true if posted
     */
    public boolean paymentPosted(UnitOfWork uow, OrderId order) {
        return uow.findUnique(LedgerTypes.ENTRY, "key", order.value() + ":" + EntryOperation.PAYMENT).isPresent();
    }

    private JournalEntry refundEntry(UnitOfWork uow, String key, RefundPosting posting) {
        // one order's entries: its payment and its refunds, a handful
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
            if (shares.stream().anyMatch(p -> p.account().kind() == AccountKind.DEFERRED)) {
                Money left = paid.minus(refundedOn(history, la.line()));
                if (la.amount().compareTo(left) > 0) {
                    v.check(false, field, "is " + la.amount() + " but only " + left + " of line " + la.line()
                            + " of order " + posting.orderId() + " is left to refund");
                    continue;
                }
                postings.addAll(deferredClawback(history, clearing, la, shares, currency));
                continue;
            }
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

    private static Money refundedOn(List<JournalEntry> history, int line) {
        Money sum = Money.zero(history.get(0).currency());
        for (JournalEntry e : history) {
            if (e.operation() == EntryOperation.REFUND) {
                for (Posting p : e.postings()) {
                    if (p.line() == line && p.account().kind() == AccountKind.CLEARING) {
                        sum = sum.plus(p.amount());
                    }
                }
            }
        }
        return sum;
    }

    /** The clawback of a pay-per-outcome line: every payee's proportion, out of its deferred revenue first. */
    private static List<Posting> deferredClawback(List<JournalEntry> history, LedgerAccount clearing, LineAmount la,
                                                  List<Posting> shares, Currency currency) {
        Map<LedgerAccount, Money> whole = new LinkedHashMap<>();
        for (Posting p : shares) {
            whole.merge(payeeOf(p.account()), p.amount(), Money::plus);
        }
        Map<LedgerAccount, Money> clawed = new LinkedHashMap<>();
        for (JournalEntry e : history) {
            if (e.operation() != EntryOperation.REFUND) {
                continue;
            }
            for (Posting p : e.postings()) {
                if (p.line() == la.line() && p.account().kind() != AccountKind.CLEARING) {
                    clawed.merge(payeeOf(p.account()), p.amount().negate(), Money::plus);
                }
            }
        }
        return Splits.deferredClawback(clearing, la.line(), whole, clawed, held(history, la.line(), currency),
                refundedOn(history, la.line()), la.amount());
    }

    private static LedgerAccount payeeOf(LedgerAccount account) {
        return account.kind() == AccountKind.DEFERRED ? account.deferredFor() : account;
    }

    /** What each payee's deferred account holds for one line: every posting on it, of every entry of the order. */
    private static Map<LedgerAccount, Money> held(List<JournalEntry> history, int line, Currency currency) {
        Map<LedgerAccount, Money> held = new LinkedHashMap<>();
        for (JournalEntry e : history) {
            for (Posting p : e.postings()) {
                if (p.line() == line && p.account().kind() == AccountKind.DEFERRED) {
                    held.merge(p.account().deferredFor(), p.amount(), Money::plus);
                }
            }
        }
        held.values().removeIf(Money::isZero);
        return held;
    }

    /**
     * Recognises the deferred revenue a pay-per-outcome line still holds, inside the caller's unit of work (the
     * decision of its outcome): each payee's deferred part moves to the payee. Idempotent per (order, line).
     *
     * @param uow   the unit of work
     * @param order the order
     * @param line  the line number
     * @return the entry, or null if the line holds no deferred revenue (none was deferred, or a refund took it all)
     */
    public JournalEntry recogniseWithin(UnitOfWork uow, OrderId order, int line) {
        new Validator().notNull("order", order).throwIfInvalid();
        String key = order.value() + ":" + EntryOperation.RECOGNITION + ":" + line;
        List<JournalEntry> history = uow.findBy(LedgerTypes.ENTRY, "order", order.value()).stream()
                .map(Versioned::value).toList();
        if (history.isEmpty()) {
            return null;
        }
        Currency currency = history.get(0).currency();
        Map<LedgerAccount, Money> held = held(history, line, currency);
        if (held.isEmpty()) {
            return history.stream().filter(e -> e.key().equals(key)).findFirst().orElse(null);
        }
        return post(uow, key, existing -> { }, () -> new JournalEntry(ctx.newId(), key, EntryOperation.RECOGNITION,
                order, currency, Splits.recognition(line, held), null, ctx.now()));
    }

    @Override
    public JournalEntry payout(Actor actor, PayoutRequest request) {
        if (actor == null) {
            throw ValidationException.of("actor", "is required");
        }
        actor.require(Role.FINANCE, "pay money out");
        new Validator().notNull("request", request).throwIfInvalid();
        String key = EntryOperation.PAYOUT + ":" + request.payoutKey();
        LedgerAccount clearing = LedgerAccount.clearing(request.provider());
        Currency currency = request.amount().currency();
        List<Posting> postings = List.of(new Posting(request.payee(), request.amount().negate(), 0),
                new Posting(clearing, request.amount(), 0));
        return ctx.transactRetrying(uow -> post(uow, key, existing -> {
            if (!existing.postings().equals(postings)) {
                throw new ConflictException(ErrorCode.DUPLICATE_KEY, "Payout '" + request.payoutKey()
                        + "' was already made with another payee, amount or provider (entry " + existing.id() + ").");
            }
        }, () -> {
            // Payouts from one account meet on its record, so the second one checks a balance that includes the first.
            for (LedgerAccount account : List.of(request.payee(), clearing)) {
                uow.find(LedgerTypes.ACCOUNT, LedgerTypes.accountKey(account, currency)).ifPresent(known ->
                        uow.update(LedgerTypes.ACCOUNT, known.value().afterPayout(), known.version()));
            }
            Money owed = Balances.total(uow, request.payee(), currency);
            Money held = Balances.total(uow, clearing, currency).negate();
            new Validator()
                    .check(request.amount().compareTo(owed) <= 0, "amount", "is " + request.amount() + " but "
                            + request.payee() + " is owed only " + owed)
                    .check(request.amount().compareTo(held) <= 0, "provider", request.provider() + " holds only "
                            + held + ", less than " + request.amount())
                    .throwIfInvalid();
            return new JournalEntry(ctx.newId(), key, EntryOperation.PAYOUT, null, currency, postings,
                    request.memo(), ctx.now());
        }));
    }

    @Override
    public JournalEntry payoutReturn(Actor actor, PayoutReturn request) {
        if (actor == null) {
            throw ValidationException.of("actor", "is required");
        }
        actor.require(Role.FINANCE, "record a returned payout");
        new Validator().notNull("request", request).throwIfInvalid();
        String key = LedgerTypes.RETURN_PREFIX + request.returnKey() + ":" + request.payoutKey();
        return ctx.transactRetrying(uow -> {
            Versioned<JournalEntry> found = uow.findUnique(LedgerTypes.ENTRY, "key", EntryOperation.PAYOUT + ":"
                    + request.payoutKey()).orElseThrow(() -> new NotFoundException("payout", request.payoutKey()));
            JournalEntry payout = found.value();
            Posting paid = payout.postings().stream().filter(p -> p.amount().isNegative()).findFirst().orElseThrow();
            Posting funded = payout.postings().stream().filter(p -> p.amount().isPositive()).findFirst().orElseThrow();
            List<Posting> postings = List.of(new Posting(paid.account(), request.amount(), 0),
                    new Posting(funded.account(), request.amount().negate(), 0));
            return post(uow, key, existing -> {
                if (!existing.postings().equals(postings)) {
                    throw new ConflictException(ErrorCode.DUPLICATE_KEY, "Return '" + request.returnKey()
                            + "' of payout '" + request.payoutKey() + "' was already posted with another amount (entry "
                            + existing.id() + ").");
                }
            }, () -> {
                if (!request.amount().currency().equals(payout.currency())) {
                    throw new CurrencyMismatchException("amount", payout.currency(), request.amount().currency());
                }
                // a payout has few returns; they meet on the payout's entry so two at once see each other
                uow.update(LedgerTypes.ENTRY, payout, found.version());
                Money returned = Money.zero(payout.currency());
                for (Versioned<JournalEntry> r : uow.findBy(LedgerTypes.ENTRY, LedgerTypes.BY_PAYOUT,
                        request.payoutKey())) {
                    returned = returned.plus(r.value().amountFor(paid.account()));
                }
                Money left = paid.amount().negate().minus(returned);
                new Validator().check(request.amount().compareTo(left) <= 0, "amount", "is " + request.amount()
                        + " but only " + left + " of payout '" + request.payoutKey() + "' is left to return")
                        .throwIfInvalid();
                return new JournalEntry(ctx.newId(), key, EntryOperation.PAYOUT_RETURN, null, payout.currency(),
                        postings, request.memo(), ctx.now());
            });
        });
    }

    /**
     * Posts an entry once under its key, in the caller's unit of work: an existing entry is checked and returned; a
     * new one is inserted with its balance movements and its event.
     */
    private JournalEntry post(UnitOfWork uow, String key, Consumer<JournalEntry> checkExisting,
                              java.util.function.Supplier<JournalEntry> build) {
        JournalEntry existing = uow.findUnique(LedgerTypes.ENTRY, "key", key).map(Versioned::value).orElse(null);
        if (existing != null) {
            checkExisting.accept(existing);
            return existing;
        }
        JournalEntry entry = build.get();
        uow.insert(LedgerTypes.ENTRY, entry);
        Balances.apply(uow, entry, accounts);
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
    }

    @Override
    public Money balance(Actor viewer, LedgerAccount account, Currency currency) {
        new Validator().notNull("viewer", viewer).notNull("account", account).notNull("currency", currency)
                .throwIfInvalid();
        requireViewer(viewer, account, "balance");
        return ctx.read(uow -> Balances.total(uow, account, currency));
    }

    @Override
    public Page<Balance> balances(Actor viewer, Currency currency, String cursor, int limit) {
        new Validator().notNull("viewer", viewer).notNull("currency", currency).throwIfInvalid();
        viewer.require(Role.FINANCE, "read every balance");
        return ctx.read(uow -> Pages.page(uow, LedgerTypes.ACCOUNT, "currency", currency.getCurrencyCode(),
                IndexRange.first(limit), cursor, k -> new Balance(k.account(), Balances.total(uow, k.account(), currency))));
    }

    @Override
    public List<JournalEntry> entriesOf(Actor viewer, OrderId orderId) {
        new Validator().notNull("viewer", viewer).notNull("orderId", orderId).throwIfInvalid();
        viewer.require(Role.FINANCE, "read an order's ledger entries");
        return ctx.read(uow -> uow.findBy(LedgerTypes.ENTRY, "order", orderId.value()).stream()
                .map(Versioned::value).toList());
    }

    @Override
    public Statement statement(Actor viewer, LedgerAccount account, Currency currency, Instant from, Instant to,
                               String cursor, int limit) {
        new Validator().notNull("viewer", viewer).notNull("account", account).notNull("currency", currency)
                .notNull("from", from).notNull("to", to)
                .check(from == null || to == null || !to.isBefore(from), "to", "must not be before from")
                .throwIfInvalid();
        Pages.checkLimit(limit);
        requireViewer(viewer, account, "statement");
        String key = LedgerTypes.accountKey(account, currency);
        return ctx.read(uow -> {
            IndexRange period = new IndexRange(SortKeys.instant(from), SortKeys.instant(to), limit, false);
            Page<JournalEntry> page = Pages.page(uow, LedgerTypes.ENTRY, LedgerTypes.BY_ACCOUNT, key, period, cursor,
                    e -> e);
            Money opening;
            if (cursor == null) {
                opening = Balances.before(uow, account, currency, from, SortKeys.instant(from));
            } else {
                // the balance after the previous page's last line: every entry up to and including it
                opening = Balances.before(uow, account, currency, SortKeys.instantOf(cursor), SortKeys.after(cursor));
            }
            List<StatementLine> lines = new ArrayList<>(page.items().size());
            Money running = opening;
            for (JournalEntry e : page.items()) {
                Money amount = e.amountFor(account);
                running = running.plus(amount);
                lines.add(new StatementLine(e.id(), e.postedAt(), e.operation(), e.orderId(), amount, running));
            }
            Money closing = page.hasNext() ? Balances.before(uow, account, currency, to, SortKeys.instant(to)) : running;
            return new Statement(account, from, to, opening, lines, closing, page.nextCursor());
        });
    }

    /** The owner of a creator or affiliate account sees it and its deferred revenue; finance sees every account. */
    private static void requireViewer(Actor viewer, LedgerAccount account, String what) {
        LedgerAccount payee = account.kind() == AccountKind.DEFERRED ? account.deferredFor() : account;
        boolean own = (payee.kind() == AccountKind.CREATOR || payee.kind() == AccountKind.AFFILIATE)
                && payee.owner().equals(viewer.id().value());
        if (!own && !viewer.has(Role.FINANCE)) {
            throw new ForbiddenException("User '" + viewer.id() + "' may not read the " + what + " of " + account
                    + ": only its owner or someone with the role FINANCE may.");
        }
    }
}
