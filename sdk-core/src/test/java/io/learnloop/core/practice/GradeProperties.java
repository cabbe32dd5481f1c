package io.learnloop.core.practice;

import io.learnloop.core.Learnloop;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.Staff;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the reviews, weights and lateness, a grade stays within the scale, and an override is the grade. */
class GradeProperties {
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);

    /** A random rubric: 1 to 5 criteria whose weights sum to 10,000. */
    @Provide
    Arbitrary<Rubric> rubrics() {
        return Arbitraries.integers().between(1, 5).flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(1, 1000).list().ofSize(n),
                Arbitraries.integers().between(1, Rubric.MAX_POINTS).list().ofSize(n)).as((raw, max) -> {
                    long total = raw.stream().mapToLong(Integer::longValue).sum();
                    List<Criterion> criteria = new ArrayList<>();
                    int left = Rubric.FULL - n;
                    for (int i = 0; i < n; i++) {
                        int share = i == n - 1 ? left : (int) ((Rubric.FULL - n) * raw.get(i) / total);
                        left -= i == n - 1 ? 0 : share;
                        criteria.add(new Criterion("c" + i, "Criterion " + i, share + 1, max.get(i)));
                    }
                    return new Rubric(criteria);
                }));
    }

    /** Random weights summing to 10,000. */
    @Provide
    Arbitrary<GradeWeights> weights() {
        return Combinators.combine(Arbitraries.integers().between(0, Rubric.FULL),
                Arbitraries.integers().between(0, Rubric.FULL)).as((a, b) -> new GradeWeights(Math.min(a, b),
                Math.max(a, b) - Math.min(a, b), Rubric.FULL - Math.max(a, b)));
    }

    private static Map<String, Integer> scores(Rubric rubric, long seed) {
        Map<String, Integer> scores = new HashMap<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (Criterion c : rubric.criteria()) {
            scores.put(c.key(), random.nextInt(c.maxPoints() + 1));
        }
        return scores;
    }

    @Property(tries = 300)
    void grade_whenReviewsWeightsAndLatenessVary_staysWithinTheScaleAndAnOverrideIsTheGrade(
            @ForAll("rubrics") Rubric rubric, @ForAll("weights") GradeWeights weights,
            @ForAll @IntRange(max = 6) int peers, @ForAll long seed, @ForAll boolean withSelf,
            @ForAll boolean withInstructor, @ForAll @IntRange(max = 30) int daysLate,
            @ForAll @IntRange(max = 10_000) int penaltyPerDay, @ForAll @IntRange(min = -1, max = 10_000) int override) {
        List<GradeFormula.Weighted> reviews = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            int accuracy = GradeFormula.accuracy(rubric, scores(rubric, seed + 31L * i), scores(rubric, seed - i));
            assertThat(accuracy).isBetween(0, Rubric.FULL);
            reviews.add(new GradeFormula.Weighted(GradeFormula.score(rubric, scores(rubric, seed + i)),
                    GradeFormula.reviewerWeight(List.of(accuracy))));
        }
        Integer self = withSelf ? GradeFormula.score(rubric, scores(rubric, ~seed)) : null;
        Integer instructor = withInstructor ? GradeFormula.score(rubric, scores(rubric, seed * 7)) : null;
        Integer combined = GradeFormula.combine(weights, GradeFormula.peer(reviews), self, instructor);
        int penalty = GradeFormula.penalty(new LatePolicy(penaltyPerDay, Duration.ofDays(30)), daysLate);
        Integer overrideBp = override < 0 ? null : override;

        int grade = GradeFormula.grade(combined == null ? 0 : combined, penalty, overrideBp);

        int max = rubric.criteria().stream().mapToInt(Criterion::maxPoints).sum();
        assertThat(grade).isBetween(0, Rubric.FULL);
        assertThat(GradeFormula.points(grade, max)).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(max));
        if (overrideBp != null) {
            assertThat(grade).isEqualTo(overrideBp);
        }
    }

    @Property(tries = 12)
    void grade_whenPeersScoreAtRandomThroughTheService_staysWithinTheScaleAndAnOverrideIsTheGrade(
            @ForAll("rubrics") Rubric rubric, @ForAll long seed, @ForAll @IntRange(min = -1, max = 10_000) int override,
            @ForAll @IntRange(max = 3) int daysLate) {
        Instant start = Instant.parse("2026-09-01T08:00:00Z");
        io.learnloop.core.testing.MutableClock clock = new io.learnloop.core.testing.MutableClock(start);
        Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).clock(clock)
                .idGenerator(IdGenerator.sequential("g")).build();
        Course course = Catalogue.published(learnloop, ADA, "Essays");
        List<Actor> learners = List.of(Actor.learner("l1"), Actor.learner("l2"), Actor.learner("l3"));
        for (Actor l : learners) {
            learnloop.access().grant(Staff.ADMIN, GrantRequest.manual(l.id(), List.of(course.id()), "class", start,
                    null));
        }
        Lesson lesson = learnloop.catalog().course(course.id()).published().lessons().get(0);
        PracticeService practice = learnloop.practice();
        Assignment a = practice.createAssignment(ADA, new AssignmentDraft(lesson.id(), "Essay", null, rubric,
                start, new LatePolicy(2500, Duration.ofDays(5)), 2, 0, new GradeWeights(7000, 0, 3000), 5000,
                false));
        clock.advance(Duration.ofDays(daysLate));
        List<Submission> work = new ArrayList<>();
        for (Actor l : learners) {
            work.add(practice.submit(l, a.id(), SubmissionContent.text("Essay of " + l.id())));
        }
        int i = 0;
        for (Actor reviewer : learners) {
            for (var t = practice.nextToReview(reviewer, a.id()); t.isPresent();
                 t = practice.nextToReview(reviewer, a.id())) {
                practice.review(reviewer, t.get().submission(), scores(rubric, seed + i++), null);
            }
        }
        Submission target = work.get(0);
        PracticeGrade grade = override < 0
                ? practice.grade(ADA, practice.instructorReview(ADA, target.id(), scores(rubric, ~seed), null)
                .submission())
                : practice.override(ADA, target.id(), override, "checked by hand");

        assertThat(grade.state()).isEqualTo(GradeState.FINAL);
        assertThat(grade.scoreBp()).isBetween(0, Rubric.FULL);
        assertThat(grade.scoreGiven()).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(grade.scoreMaximum()));
        if (override >= 0) {
            assertThat(grade.scoreBp()).isEqualTo(override);
            assertThat(grade.penaltyBp()).isZero();
        } else {
            assertThat(grade.penaltyBp()).isEqualTo(Math.min(Rubric.FULL, daysLate * 2500));
        }
    }
}
