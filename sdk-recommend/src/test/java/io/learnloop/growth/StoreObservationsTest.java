package io.learnloop.growth;

import io.learnloop.core.testing.Staff;
import io.learnloop.core.testing.TrustedOrders;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.learning.NoteAnchor;
import io.learnloop.core.learning.NoteDraft;
import io.learnloop.core.learning.NoteVisibility;
import io.learnloop.core.money.Money;
import io.learnloop.core.privacy.ConsentDecision;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.core.review.ReviewDraft;
import io.learnloop.recommend.StorePlatform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
        new TrustedOrders(p.learnloop()).refund(refunded.id(), new RefundRequest("ann-r",
                List.of(LineAmount.of(refunded.lines().get(0).line(), refunded.total())), "wrong course"));

        Observations obs = StoreObservations.builder(p.learnloop(), Staff.FINANCE, 100)
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

    @Test
    void observe_whenAMemberRefusedAnalytics_leavesThemOutOfEveryFigure() {
        StorePlatform p = new StorePlatform(T0.minus(Duration.ofDays(1)));
        Actor creator = Actor.of("creator", Role.CREATOR);
        Actor ann = Actor.learner("ann");
        Actor bob = Actor.learner("bob");
        Course java = p.publish(creator, "Java", "programming", 2);
        var javaOffer = p.offer(creator, java, 10_000);
        p.learnloop().consents().record(bob, bob.id(), ConsentDecision.refuse(ConsentPurpose.ANALYTICS, "v1",
                "settings"));
        p.moveTo(T0.plus(Duration.ofDays(1)));
        p.buy(ann, "ann-1", javaOffer);
        p.buy(bob, "bob-1", javaOffer);
        p.learnloop().notes().add(bob.id(), java.published().lessons().get(0).id(), new NoteDraft(
                NoteAnchor.textRange(0, 3), "Shared", NoteVisibility.SHARED));

        Observations obs = StoreObservations.builder(p.learnloop(), Staff.FINANCE, 100)
                .members(List.of(new StoreObservations.Member(ann.id(), T0.plus(Duration.ofHours(1)), null),
                        new StoreObservations.Member(bob.id(), T0.plus(Duration.ofHours(2)), null)))
                .build()
                .observe(T0, Duration.ofDays(7), 1);

        ObservedPeriod week = obs.periods().get(0);
        assertThat(week.paidSignups()).isEqualTo(1);
        assertThat(week.conversions()).isEqualTo(1);
        assertThat(week.revenueMinor()).isEqualTo(10_000);
        assertThat(week.avgPaying()).isCloseTo(6 / 7.0, within(1e-12));
        assertThat(week.avgProspects()).isEqualTo(99);
        assertThat(week.posts()).isZero();
    }

    @Test
    void observe_whenRenewalsArePaidLateAndLearnersReturn_datesChurnAndWinbackAtTheStretchEdges() {
        StorePlatform p = new StorePlatform(T0.minus(Duration.ofDays(1)));
        Actor cat = Actor.learner("cat");
        var plan = p.monthlyPlan(3_000, List.of(), List.of("craft"));
        p.publish(Actor.of("creator", Role.CREATOR), "Clay", "craft", 1);
        Duration term = Duration.ofDays(10);
        p.moveTo(T0);
        p.payMembership(cat, "c1", plan, term);
        p.moveTo(T0.plus(term).plus(Duration.ofMinutes(30)));
        p.payMembership(cat, "c2", plan, term);
        p.moveTo(T0.plus(Duration.ofDays(25)));
        p.payMembership(cat, "c3", plan, term);
        List<StoreObservations.Member> members = List.of(new StoreObservations.Member(cat.id(), T0, null));

        Observations graced = StoreObservations.builder(p.learnloop(), Staff.FINANCE, 10).members(members).build()
                .observe(T0, Duration.ofDays(14), 2);
        Observations strict = StoreObservations.builder(p.learnloop(), Staff.FINANCE, 10).members(members)
                .renewalGrace(Duration.ZERO).build().observe(T0, Duration.ofDays(14), 2);

        // within the default grace the late renewal continues the stretch; it ends at day 20.5 h and resumes on day 25
        assertThat(graced.periods()).extracting(ObservedPeriod::paidChurned).containsExactly(0L, 1L);
        assertThat(graced.periods()).extracting(ObservedPeriod::reactivations).containsExactly(0L, 1L);
        assertThat(graced.periods().get(1).avgLapsed()).isCloseTo(5 / 14.0, within(1e-12));
        // with no grace the half hour on day 10 is a churn and a return as well
        assertThat(strict.periods()).extracting(ObservedPeriod::paidChurned).containsExactly(1L, 1L);
        assertThat(strict.periods()).extracting(ObservedPeriod::reactivations).containsExactly(1L, 1L);
        // a cohort member who lapsed and came back is not counted as still paying
        assertThat(graced.cohorts()).containsExactly(new Cohort(0, 1, List.of(0L)));
    }

    @Test
    void observe_whenLearnersPublishAndPostsAge_countsOnlyExistingCreatorsCoursesAsProductionAndOnlyLivePosts() {
        StorePlatform p = new StorePlatform(T0.minus(Duration.ofDays(1)));
        Actor creator = Actor.of("creator", Role.CREATOR);
        Actor dan = Actor.learner("dan");
        p.publish(creator, "Clay", "craft", 1);
        var plan = p.monthlyPlan(3_000, List.of(), List.of("craft"));
        p.moveTo(T0.plus(Duration.ofDays(1)));
        p.payMembership(dan, "d1", plan, Duration.ofDays(30));
        p.moveTo(T0.plus(Duration.ofDays(3)));
        p.publish(creator, "Glaze", "craft", 1);
        p.moveTo(T0.plus(Duration.ofDays(5)));
        p.publish(Actor.of("dan", Role.CREATOR), "Kiln", "craft", 1);

        Observations obs = StoreObservations.builder(p.learnloop(), Staff.FINANCE, 10)
                .members(List.of(new StoreObservations.Member(dan.id(), T0, null)))
                .communityPosts(List.of(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(12))))
                .build()
                .observe(T0, Duration.ofDays(14), 2);

        ObservedPeriod first = obs.periods().get(0);
        // Clay and Kiln are their authors' first courses (how each became a creator); Glaze is production
        assertThat(first.coursesPublished()).isEqualTo(1);
        assertThat(first.newCreators()).isEqualTo(1);
        assertThat(first.avgCatalogue()).isCloseTo((14 + 11 + 9) / 14.0, within(1e-12));
        // a post is live for ten days: the day-1 post on days 1 to 10, the day-12 post from day 12
        assertThat(first.avgCommunity()).isCloseTo(12 / 14.0, within(1e-12));
        assertThat(obs.periods().get(1).avgCommunity()).isCloseTo(8 / 14.0, within(1e-12));
        assertThat(first.posts()).isEqualTo(2);
    }

    @Test
    void builder_whenGraceOrPostLifeInvalid_namesTheField() {
        StorePlatform p = new StorePlatform(T0);
        var builder = StoreObservations.builder(p.learnloop(), Staff.FINANCE, 10);
        assertThatThrownBy(() -> builder.renewalGrace(Duration.ofSeconds(-1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("renewalGrace"));
        assertThatThrownBy(() -> builder.postsLiveFor(Duration.ZERO))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("postsLiveFor"));
    }
}
