package io.learnloop.payment.pipeline;

import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.money.Money;
import io.learnloop.core.settlement.IssueKind;
import io.learnloop.core.settlement.SettlementIssue;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.ReviewItem;
import io.learnloop.payment.sandbox.SandboxNotification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A payment for an order whose content vanished before the money came: the notification never throws, the order is
 * paid and posted, what still exists is granted, and the rest waits for a person, who refunds it through the pipeline.
 */
class VanishedContentTest {
    private final PipelineFixture p = new PipelineFixture();

    private NotificationResult deliver(SandboxNotification n) {
        return p.payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers());
    }

    private void deleteCourse(Course course) {
        AggregateType<Course> courses = catalogCourses();
        p.f.learnloop.context().transact(uow -> {
            Versioned<Course> c = uow.get(courses, course.id().value());
            uow.delete(courses, course.id().value(), c.version());
            return null;
        });
    }

    /**
     * The catalogue's own aggregate type, with its indexes; read reflectively because the core's module does not
     * export its internal packages to this one (tests run on the class path, where the class is reachable).
     */
    @SuppressWarnings("unchecked")
    private static AggregateType<Course> catalogCourses() {
        try {
            return (AggregateType<Course>) Class.forName("io.learnloop.core.internal.catalog.CatalogTypes")
                    .getField("COURSE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void handleNotification_whenAPaidLinesCourseNoLongerExists_settlesWhatItCanAndHoldsTheRestForReview() {
        Order order = p.order("k1", p.javaOffer, p.sqlOffer);
        p.sandbox.pay(p.checkout(order));
        deleteCourse(p.sql);

        List<SandboxNotification> due = p.sandbox.deliverable();
        List<NotificationResult> results = due.stream().map(this::deliver).toList();
        NotificationResult again = deliver(due.get(0));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.disposition()).isEqualTo(Disposition.KEPT_FOR_REVIEW);
            assertThat(r.acknowledgement().httpStatus()).isEqualTo(200);
            assertThat(r.detail()).contains(IssueKind.CONTENT_UNAVAILABLE.name()).contains(p.sql.id().value());
        });
        assertThat(again.disposition()).isEqualTo(Disposition.DUPLICATE);
        Order paid = p.commerce.order(PipelineFixture.FINANCE, order.id());
        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(p.access.hasAccess(order.learner(), p.java.id(), p.f.clock.instant())).isTrue();
        assertThat(p.f.learnloop.ledger().entriesOf(PipelineFixture.FINANCE, order.id())).hasSize(1);
        List<SettlementIssue> issues = p.f.learnloop.settlement().issues(PipelineFixture.FINANCE, null, 10).items();
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IssueKind.CONTENT_UNAVAILABLE);
            assertThat(i.order()).isEqualTo(order.id());
        });
        assertThat(p.payments.reviewQueue(PipelineFixture.FINANCE, null, 10).items()).extracting(ReviewItem::reason)
                .singleElement().asString().contains("CONTENT_UNAVAILABLE");

        // finance refunds the undeliverable line through the provider, outside the learner's refund policy
        RefundOutcome refund = p.payments.refund(PipelineFixture.FINANCE, order.id(), "sql-gone",
                List.of(LineAmount.of(2, Money.ofMinor(9900, "CNY"))), "course removed");
        assertThat(refund.order().status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(p.f.learnloop.ledger().entriesOf(PipelineFixture.FINANCE, order.id())).hasSize(2);
    }
}
