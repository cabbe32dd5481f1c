package io.learnloop.rest.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.learning.CourseReport;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.rest.Route;

import java.util.Currency;

/** The operator's ledger and reports; the services check the roles (FINANCE for money, the report's own rules). */
final class OperatorEndpoints {
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
                .get("/reports/courses/{courseId}", "getCourseReport", Route.Access.SIGNED_IN,
                        Doc.one("A course's learning report (its authors, ADMIN)", CourseReport.class),
                        this::courseReport);
    }

    private Reply balances(Call call) {
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
        return Reply.ok(learnloop.ledger().balances(call.actor(), currency, call.cursor(), call.limit()));
    }

    private Reply entries(Call call) {
        return Reply.ok(new Views.Items<>(learnloop.ledger().entriesOf(call.actor(),
                OrderId.of(call.param("orderId")))));
    }

    private Reply courseReport(Call call) {
        return Reply.ok(learnloop.learningReports().course(call.actor(), CourseId.of(call.param("courseId"))));
    }
}
