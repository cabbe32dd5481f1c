package io.learnloop.payment.pipeline;

import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.RefundPolicy;
import io.learnloop.payment.RefundPolicy.Consumption;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RefundPolicy#consumedBelow} fed by learning progress, through the sandbox provider. */
class ConsumptionRefundTest {
    private static final Money PRICE = Money.ofMinor(29900, "CNY");

    private final PipelineFixture p = PipelineFixture.withPolicyOf(
            learnloop -> RefundPolicy.consumedBelow(0.5, Consumption.fromProgress(learnloop.progress())));
    private final Course knots;
    private final Offer knotsOffer;

    ConsumptionRefundTest() {
        CatalogService catalog = p.f.learnloop.catalog();
        Course c = catalog.createCourse(PipelineFixture.CREATOR, CourseDetails.of("Knots", "en", "outdoor"));
        Chapter ch = catalog.addChapter(PipelineFixture.CREATOR, c.id(), "Live sessions");
        for (int i = 1; i <= 4; i++) {
            catalog.addLesson(PipelineFixture.CREATOR, c.id(), ch.id(),
                    new LessonSpec("session " + i, LessonType.LIVE, Duration.ofMinutes(45), false, "live://" + i));
        }
        catalog.submit(PipelineFixture.CREATOR, c.id());
        knots = catalog.approve(PipelineFixture.REVIEWER, c.id());
        knotsOffer = p.commerce.createOffer(PipelineFixture.CREATOR, OfferDraft.course("Knots", PRICE, knots.id()));
    }

    /** Pays for the course through the sandbox and has the learner finish {@code lessons} of its four lessons. */
    private Order paidAndTaken(String key, int lessons) {
        Order order = p.order(key, knotsOffer);
        p.sandbox.pay(p.checkout(order));
        p.sandbox.deliverable().forEach(n -> p.payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers()));
        List<Lesson> all = knots.published().lessons();
        for (int i = 0; i < lessons; i++) {
            p.f.advance(Duration.ofMinutes(50));
            p.f.learnloop.progress().markDone(order.learner(), all.get(i).id());
        }
        return p.commerce.order(PipelineFixture.FINANCE, order.id());
    }

    @Test
    void refund_whenOneOfFourLessonsIsComplete_refundsAndRevokesAccess() {
        Order order = paidAndTaken("k-one", 1);
        assertThat(p.f.learnloop.progress().courseCompletion(order.learner(), knots.id()).completedLessons()).isEqualTo(1);

        RefundOutcome r = p.payments.refund(PipelineFixture.LEARNER, order.id(), "refund-one", List.of(LineAmount.of(1, PRICE)), "not for me");

        assertThat(r.order().refunded()).isEqualTo(PRICE);
        assertThat(p.access.hasAccess(order.learner(), knots.id(), p.f.clock.instant())).isFalse();
    }

    @Test
    void refund_whenThreeOfFourLessonsAreComplete_isRefusedWithThePolicysMessage() {
        Order order = paidAndTaken("k-three", 3);

        assertThatThrownBy(() -> p.payments.refund(PipelineFixture.LEARNER, order.id(), "refund-three", List.of(LineAmount.of(1, PRICE)), null))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("75% of course " + knots.id().value() + " was consumed; refunds stop at 50%");
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).refunded().isZero()).isTrue();
        assertThat(p.access.hasAccess(order.learner(), knots.id(), p.f.clock.instant())).isTrue();
    }

    @Test
    void fromProgress_whenTheLearnerNeverStarted_isZero() {
        Consumption consumption = Consumption.fromProgress(p.f.learnloop.progress());

        assertThat(consumption.share(UserId.of("nobody"), knots.id())).isZero();
    }

    @Test
    void consumedBelow_whenMaxShareIsNotAShare_failsNamingMaxShare() {
        Consumption consumption = Consumption.fromProgress(p.f.learnloop.progress());
        for (double bad : new double[] {Double.NaN, -0.1, 1.01, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> RefundPolicy.consumedBelow(bad, consumption))
                    .as("maxShare %s", bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.fields()).containsExactly("maxShare");
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    });
        }
        assertThat(RefundPolicy.consumedBelow(0, consumption)).isNotNull();
        assertThat(RefundPolicy.consumedBelow(1, consumption)).isNotNull();
    }

    @Test
    void consumedBelowAndFromProgress_whenGivenNull_failNamingTheField() {
        assertThatThrownBy(() -> RefundPolicy.consumedBelow(0.5, null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("consumption"));
        assertThatThrownBy(() -> Consumption.fromProgress(null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("progress"));
    }
}
