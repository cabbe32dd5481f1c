package io.learnloop.rest.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.learning.CourseReport;
import io.learnloop.core.ledger.AccountKind;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.Statement;
import io.learnloop.rest.Route;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;

/** The operator's ledger and reports; the services check the roles (FINANCE for money, the report's own rules). */
final class OperatorEndpoints {
    /** The longest period one statement covers: its cost grows with how far back {@code from} lies. */
    static final int MAX_PERIOD_DAYS = 366;

    private final Learnloop learnloop;

    OperatorEndpoints(Learnloop learnloop) {
        this.learnloop = learnloop;
    }

    void register(Router.Builder routes) {
        routes.get("/ledger/balances", "listBalances", Route.Access.SIGNED_IN,
                        Doc.page("Every account's balance in one currency (FINANCE)", Balance.class, "currency"),
                        this::balances)
                .get("/ledger/orders/{orderId}/entries", "listOrderEntries", Route.Access.SIGNED_IN,
                        Doc.items("The journal entries of one order (FINANCE)", JournalEntry.class), this::entries)
                .get("/ledger/accounts/{account}/statement", "getAccountStatement", Route.Access.SIGNED_IN,
                        Doc.one("One page of an account's movements in a period, with opening and running balances"
                                + " (the account's owner, or FINANCE); at most " + MAX_PERIOD_DAYS + " days",
                                Statement.class).query("currency", "from", "to", "cursor", "limit"),
                        this::statement)
                .get("/reports/courses/{courseId}", "getCourseReport", Route.Access.SIGNED_IN,
                        Doc.one("A course's learning report (its authors, ADMIN)", CourseReport.class),
                        this::courseReport);
    }

    private Reply statement(Call call) {
        LedgerAccount account = account(call.param("account"));
        Currency currency = currency(call);
        Instant from = instant(call, "from");
        Instant to = instant(call, "to");
        if (to.isBefore(from)) {
            throw RestFailure.invalid("to", "must not be before from");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_PERIOD_DAYS)) > 0) {
            throw RestFailure.invalid("to", "must be at most " + MAX_PERIOD_DAYS + " days after from; ask for a"
                    + " longer period a piece at a time");
        }
        return Reply.ok(learnloop.ledger().statement(call.actor(), account, currency, from, to, call.cursor(),
                call.limit()));
    }

    /** Reads an account by its key ({@code platform}, {@code creator:u-42}, {@code clearing:stripe}). */
    private static LedgerAccount account(String key) {
        int colon = key.indexOf(':');
        String kind = colon < 0 ? key : key.substring(0, colon);
        String owner = colon < 0 ? null : key.substring(colon + 1);
        for (AccountKind k : AccountKind.values()) {
            if (k.name().toLowerCase(Locale.ROOT).equals(kind)) {
                return new LedgerAccount(k, owner);
            }
        }
        throw RestFailure.invalid("account", "is not an account key: use platform, or a kind and owner such as"
                + " creator:u-42 or clearing:stripe");
    }

    private static Instant instant(Call call, String name) {
        String text = call.query(name);
        if (text == null) {
            throw RestFailure.invalid(name, "is required, an ISO 8601 instant such as 2026-03-01T00:00:00Z");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw RestFailure.invalid(name, "is not an ISO 8601 instant such as 2026-03-01T00:00:00Z: " + text);
        }
    }

    private Reply balances(Call call) {
        return Reply.ok(learnloop.ledger().balances(call.actor(), currency(call), call.cursor(), call.limit()));
    }

    private static Currency currency(Call call) {
        String code = call.query("currency");
        if (code == null) {
            throw ValidationException.of("currency", "is required, an ISO 4217 code such as CNY");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("currency", "is not an ISO 4217 code: " + code);
        }
        return currency;
    }

    private Reply entries(Call call) {
        return Reply.ok(new Views.Items<>(learnloop.ledger().entriesOf(call.actor(),
                OrderId.of(call.param("orderId")))));
    }

    private Reply courseReport(Call call) {
        return Reply.ok(learnloop.learningReports().course(call.actor(), CourseId.of(call.param("courseId"))));
    }
}
