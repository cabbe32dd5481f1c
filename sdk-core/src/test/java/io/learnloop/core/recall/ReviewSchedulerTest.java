package io.learnloop.core.recall;

import io.learnloop.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReviewSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");
    private final ReviewScheduler scheduler = ReviewScheduler.withDefaults();

    @Test
    void review_whenNewCardAnsweredGood_entersTheSecondLearningStep() {
        ScheduledReview first = scheduler.review(Card.newCard(T0), Rating.GOOD, T0);

        assertThat(first.card().state()).isEqualTo(CardState.LEARNING);
        assertThat(first.card().learningStep()).isEqualTo(1);
        assertThat(first.card().due()).isEqualTo(T0.plus(FsrsParameters.defaults().learningSteps().get(1)));
        assertThat(first.card().reps()).isEqualTo(1);
        assertThat(first.log().state()).isEqualTo(CardState.NEW);
    }

    @Test
    void review_whenGoodOnTheLastLearningStep_graduatesIntoReviewInWholeDays() {
        Card card = scheduler.review(Card.newCard(T0), Rating.GOOD, T0).card();
        Instant second = card.due();

        Card graduated = scheduler.review(card, Rating.GOOD, second).card();

        assertThat(graduated.state()).isEqualTo(CardState.REVIEW);
        assertThat(graduated.scheduledDays()).isPositive();
        assertThat(graduated.due()).isEqualTo(second.plus(Duration.ofDays(graduated.scheduledDays())));
    }

    @Test
    void review_whenReviewCardForgotten_entersRelearningAndCountsALapse() {
        Card card = scheduler.review(Card.newCard(T0), Rating.EASY, T0).card();

        ScheduledReview lapse = scheduler.review(card, Rating.AGAIN, card.due());

        assertThat(lapse.card().state()).isEqualTo(CardState.RELEARNING);
        assertThat(lapse.card().lapses()).isEqualTo(1);
        assertThat(lapse.card().due()).isEqualTo(card.due().plus(FsrsParameters.defaults().relearningSteps().get(0)));
        assertThat(lapse.card().stability()).isLessThan(card.stability());
    }

    @Test
    void preview_whenCardInReview_ordersHardGoodEasyByInterval() {
        Card card = scheduler.review(Card.newCard(T0), Rating.GOOD, T0).card();
        card = scheduler.review(card, Rating.GOOD, card.due()).card();

        Map<Rating, ScheduledReview> preview = scheduler.preview(card, card.due());

        assertThat(preview).containsOnlyKeys(Rating.values());
        long hard = preview.get(Rating.HARD).card().scheduledDays();
        long good = preview.get(Rating.GOOD).card().scheduledDays();
        long easy = preview.get(Rating.EASY).card().scheduledDays();
        assertThat(hard).isLessThan(good);
        assertThat(good).isLessThan(easy);
        assertThat(preview.get(Rating.GOOD)).isEqualTo(scheduler.review(card, Rating.GOOD, card.due()));
    }

    @Test
    void retrievability_whenGraduatedCardIsDue_isAboutTheDesiredRetention() {
        Card card = scheduler.review(Card.newCard(T0), Rating.GOOD, T0).card();
        for (int i = 0; i < 6; i++) {
            card = scheduler.review(card, Rating.GOOD, card.due()).card();
        }

        double r = scheduler.retrievability(card, card.due());

        assertThat(r).isCloseTo(FsrsParameters.defaults().desiredRetention(), within(0.01));
        assertThat(scheduler.retrievability(Card.newCard(T0), T0)).isZero();
    }

    @Test
    void review_whenFuzzOn_isRepeatableAndStaysNearTheUnfuzzedInterval() {
        ReviewScheduler fuzzed = new ReviewScheduler(FsrsParameters.builder().fuzz(true).build());
        List<Long> plain = new ArrayList<>();
        List<Long> once = new ArrayList<>();
        List<Long> twice = new ArrayList<>();
        Card a = Card.newCard(T0);
        Card b = Card.newCard(T0);
        Card c = Card.newCard(T0);
        Instant at = T0;
        for (int i = 0; i < 12; i++) {
            a = scheduler.review(a, Rating.GOOD, at).card();
            b = fuzzed.review(b, Rating.GOOD, at).card();
            c = fuzzed.review(c, Rating.GOOD, at).card();
            plain.add(a.scheduledDays());
            once.add(b.scheduledDays());
            twice.add(c.scheduledDays());
            at = a.due();
        }

        assertThat(once).isEqualTo(twice);
        assertThat(once).isNotEqualTo(plain);
        for (int i = 0; i < plain.size(); i++) {
            assertThat((double) once.get(i)).isCloseTo(plain.get(i), within(1 + 0.15 * plain.get(i)));
        }
    }

    @Test
    void review_whenBeforeTheLastReview_isRefused() {
        Card card = scheduler.review(Card.newCard(T0), Rating.GOOD, T0).card();

        assertThatThrownBy(() -> scheduler.review(card, Rating.GOOD, T0.minus(Duration.ofDays(1))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("reviewedAt");
    }

    @Test
    void review_whenCardHoldsAnImpossibleMemoryState_isRefused() {
        Card broken = new Card(T0, 5, 0.5, 0, 1, 0, 3, 0, CardState.REVIEW, T0);

        assertThatThrownBy(() -> scheduler.review(broken, Rating.GOOD, T0.plus(Duration.ofDays(1))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("difficulty");
    }

    @Test
    void build_whenThreeRelearningSteps_lowersW17AndW18ToTheirCeilingInsteadOfRefusingTheDefaults() {
        FsrsParameters p = FsrsParameters.builder()
                .relearningSteps(List.of(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(2)))
                .build();

        assertThat(p.weight(17)).isLessThan(FsrsParameters.defaultWeights().get(17));
        assertThat(p.weight(18)).isEqualTo(FsrsParameters.defaultWeights().get(18));
        assertThat(p.weight(0)).isEqualTo(FsrsParameters.defaultWeights().get(0));
    }

    @Test
    void build_whenAWeightIsOutOfRange_namesItAndItsRange() {
        List<Double> w = new ArrayList<>(FsrsParameters.defaultWeights());
        w.set(20, 0.05);

        assertThatThrownBy(() -> FsrsParameters.builder().weights(w).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("weights[20]")
                .hasMessageContaining("0.1 to 0.8");
    }

    @Test
    void build_whenStepIsNotWholeMinutesOrRetentionOutOfRange_isRefused() {
        assertThatThrownBy(() -> FsrsParameters.builder().learningSteps(List.of(Duration.ofSeconds(30)))
                .desiredRetention(1.2).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("learningSteps[0]")
                .hasMessageContaining("desiredRetention");
    }
}
