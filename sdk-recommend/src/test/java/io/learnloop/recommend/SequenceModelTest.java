package io.learnloop.recommend;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sequence model through the public factory: what learners start next, in the order they started courses. */
class SequenceModelTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Twenty learners take "intro", then "advanced", then "expert", in that order in time; the course names sort the
     * other way round, so a model reading the row in index order instead of time order would get it backwards.
     */
    private static List<Interaction> series() {
        List<Interaction> out = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            String learner = "learner-" + u;
            out.add(Interaction.of(learner, "z-intro", InteractionKind.ENROL, T0.plusSeconds(u)));
            out.add(Interaction.of(learner, "m-advanced", InteractionKind.ENROL, T0.plusSeconds(1_000 + u)));
            out.add(Interaction.of(learner, "a-expert", InteractionKind.ENROL, T0.plusSeconds(2_000 + u)));
        }
        return out;
    }

    private static Recommender train(List<Interaction> data) {
        return Recommenders.train(ModelKind.SEQUENCE, InteractionMatrix.of(data), List.of(), RecommenderSettings.defaults(),
                T0);
    }

    @Test
    void recommend_whenLearnerJustStartedTheFirstCourse_putsTheNextOneFirst() {
        List<Interaction> data = new ArrayList<>(series());
        data.add(Interaction.of("newcomer", "z-intro", InteractionKind.ENROL, T0.plusSeconds(5_000)));

        List<Recommendation> recs = train(data).recommend("newcomer", 2);

        assertThat(recs).extracting(Recommendation::courseId).containsExactly("m-advanced", "a-expert");
        assertThat(recs.get(0).explanation().reason()).isEqualTo(Explanation.Reason.BECAUSE_YOU);
        assertThat(recs.get(0).explanation().courseId()).isEqualTo("z-intro");
    }

    @Test
    void recommend_whenLearnerTookTheSecondCourseWithoutTheFirst_recommendsWhatFollowsItNotWhatPrecedesIt() {
        List<Interaction> data = new ArrayList<>(series());
        data.add(Interaction.of("skipper", "m-advanced", InteractionKind.ENROL, T0.plusSeconds(5_000)));

        List<Recommendation> recs = train(data).recommend("skipper", 5);

        assertThat(recs).extracting(Recommendation::courseId).containsExactly("a-expert");
    }

    @Test
    void recommend_whenLearnerHasTwoCourses_followsTheLatestStartedMost() {
        List<Interaction> data = new ArrayList<>(series());
        for (int u = 0; u < 20; u++) {
            data.add(Interaction.of("other-" + u, "photo", InteractionKind.ENROL, T0.plusSeconds(u)));
            data.add(Interaction.of("other-" + u, "lighting", InteractionKind.ENROL, T0.plusSeconds(1_000 + u)));
        }
        // Started "photo" long ago and "z-intro" just now: what follows "z-intro" must come first.
        data.add(Interaction.of("mixed", "photo", InteractionKind.ENROL, T0.plusSeconds(3_000)));
        data.add(Interaction.of("mixed", "z-intro", InteractionKind.ENROL, T0.plusSeconds(9_000)));

        List<Recommendation> recs = train(data).recommend("mixed", 3);

        assertThat(recs.get(0).courseId()).isEqualTo("m-advanced");
        assertThat(recs).extracting(Recommendation::courseId).contains("lighting");
    }
}
