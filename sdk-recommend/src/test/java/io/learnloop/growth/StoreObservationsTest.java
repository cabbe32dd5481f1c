package io.learnloop.growth;

import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.money.Money;
import io.learnloop.core.review.ReviewDraft;
import io.learnloop.recommend.StorePlatform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StoreObservationsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

    @Test
    void observe_whenSmallPlatform_countsEveryFlowAndAveragesEveryStock() {
        StorePlatform p = new StorePlatform(T0.minus(Duration.ofDays(1)));
        Actor creator = Actor.of("creator", Role.CREATOR);
        Actor ann = Actor.learner("ann");
        Actor bob = Actor.learner("bob");
        Course java = p.publish(creator, "Java", "programming", 4);
        Course sql = p.publish(creator, "SQL", "data", 2);
        var javaOffer = p.offer(creator, java, 10_000);
        var sqlOffer = p.offer(creator, sql, 5_000);

        p.moveTo(T0.plus(Duration.ofDays(1)));
        p.buy(ann, "ann-1", javaOffer);
        p.moveTo(T0.plus(Duration.ofDays(2)));
        for (int i = 0; i < 4; i++) {
            p.complete(ann, java, i);
        }
        p.learnloop().certificates().issue(ann.id(), java.id());
        p.learnloop().reviews().submit(ann.id(), java.id(), new ReviewDraft(5, "Great", "Clear"));
        p.moveTo(T0.plus(Duration.ofDays(9)));
        Order refunded = p.buy(ann, "ann-2", sqlOffer);
        p.learnloop().commerce().refund(refunded.id(), new RefundRequest("ann-r",
                List.of(LineAmount.of(refunded.lines().get(0).line(), refunded.total())), "wrong course"));

        Observations obs = StoreObservations.builder(p.learnloop(), 100)
                .members(List.of(new StoreObservations.Member(ann.id(), T0.plus(Duration.ofHours(1)), null),
                        new StoreObservations.Member(bob.id(), T0.plus(Duration.ofHours(2)), ann.id())))
                .advertSpend(Map.of(T0, Money.ofMinor(5_000, "CNY")))
                .communityPosts(List.of(T0.plus(Duration.ofDays(8))))
                .inactiveAfter(Duration.ofDays(3))
                .build()
                .observe(T0, Duration.ofDays(7), 2);

        assertThat(obs.periodDays()).isEqualTo(7);
        assertThat(obs.lessonsPerCourse()).isEqualTo(3);
        ObservedPeriod first = obs.periods().get(0);
        // Ann is free on day 0 and paying from day 1; Bob is free until three days after his only active day
        assertThat(first.avgFree()).isCloseTo(5 / 7.0, within(1e-12));
        assertThat(first.avgPaying()).isCloseTo(6 / 7.0, within(1e-12));
        assertThat(first.avgCreators()).isEqualTo(1);
        assertThat(first.avgCatalogue()).isEqualTo(2);
        assertThat(first.avgProspects()).isEqualTo(98);
        assertThat(first.paidSignups()).isEqualTo(1);
        assertThat(first.referralSignups()).isEqualTo(1);
        assertThat(first.conversions()).isEqualTo(1);
        assertThat(first.freeChurned()).isEqualTo(1);
        assertThat(first.completions()).isEqualTo(1);
        assertThat(first.reviews()).isEqualTo(1);
        assertThat(first.revenueMinor()).isEqualTo(10_000);
        assertThat(first.marketingSpendMinor()).isEqualTo(5_000);
        assertThat(first.posts()).isZero();

        ObservedPeriod second = obs.periods().get(1);
        assertThat(second.avgPaying()).isEqualTo(1);
        assertThat(second.avgFree()).isZero();
        assertThat(second.conversions()).isZero();
        assertThat(second.revenueMinor()).isZero();
        assertThat(second.posts()).isEqualTo(1);
        assertThat(obs.cohorts()).containsExactly(new Cohort(0, 1, List.of(1L)));
    }
}
