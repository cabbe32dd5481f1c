package io.learnloop.recommend.internal;

import io.learnloop.core.error.ValidationException;
import io.learnloop.recommend.Explanation;
import io.learnloop.recommend.InteractionKind;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;
import io.learnloop.recommend.Recommendation;
import io.learnloop.recommend.Recommender;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Base of every model: scores the whole catalogue for a row, removes the learner's own and excluded courses, keeps
 * the top k and explains each pick.
 *
 * <p>Thread-safe: subclasses are immutable once trained.
 */
public abstract class ScoringModel implements Recommender {
    /** The matrix the model was trained on and reads rows from. */
    protected final InteractionMatrix matrix;
    /** Content features, possibly empty. */
    protected final Catalogue catalogue;

    /**
     * Creates the base.
     *
     * @param matrix    the matrix
     * @param catalogue the catalogue
     */
    protected ScoringModel(InteractionMatrix matrix, Catalogue catalogue) {
        this.matrix = matrix;
        this.catalogue = catalogue;
    }

    /**
     * Writes a score for every course into {@code scores} (length at least the matrix's course count). Courses the
     * model cannot score get 0 when {@link #positiveOnly()}; otherwise every entry is meaningful.
     *
     * @param history the learner's row
     * @param learner the learner's index, or -1 when the learner is not in the matrix
     * @param scores  the output, zeroed by the caller
     * @return false when the model has nothing to say for this learner
     */
    public abstract boolean score(LearnerHistory history, int learner, float[] scores);

    /**
     * Scores with a weight per position of the learner's row (for example to favour recent activity). Models that
     * cannot use row weights ignore them.
     *
     * @param history    the learner's row
     * @param learner    the learner's index, or -1
     * @param rowWeights one weight per row position
     * @param scores     the output, zeroed by the caller
     * @return false when the model has nothing to say for this learner
     */
    public boolean score(LearnerHistory history, int learner, float[] rowWeights, float[] scores) {
        return score(history, learner, scores);
    }

    /**
     * Explains why a course scored high for a learner.
     *
     * @param history the learner's row
     * @param course  the course index
     * @return the explanation
     */
    public abstract Explanation explain(LearnerHistory history, int course);

    /**
     * Returns whether only positive scores are worth recommending (similarity models).
     *
     * @return true when a zero score means "no evidence"
     */
    public boolean positiveOnly() {
        return true;
    }

    /**
     * Returns the matrix.
     *
     * @return the matrix
     */
    public InteractionMatrix matrix() {
        return matrix;
    }

    /**
     * Explains several picks for one learner; models that share work across picks override this.
     *
     * @param history the learner's row
     * @param learner the learner index, or -1
     * @param courses the picked course indexes
     * @return one explanation per pick, in order
     */
    public Explanation[] explainAll(LearnerHistory history, int learner, int[] courses) {
        Explanation[] out = new Explanation[courses.length];
        for (int i = 0; i < courses.length; i++) {
            out[i] = explain(history, courses[i]);
        }
        return out;
    }

    @Override
    public List<Recommendation> recommend(String learnerId, int k, Set<String> exclude) {
        checkRequest(learnerId, k);
        LearnerHistory h = matrix.history(learnerId);
        int learner = matrix.learnerIndex(learnerId);
        int n = matrix.courseCount();
        float[] scores = new float[n];
        if (n == 0 || !score(h, learner, scores)) {
            return List.of();
        }
        maskOwn(h, scores);
        if (exclude != null) {
            for (String id : exclude) {
                int c = matrix.courseIndex(id);
                if (c >= 0 && c < n) {
                    scores[c] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        int[] top = TopK.select(scores, k, 0f, positiveOnly());
        Explanation[] why = explainAll(h, learner, top);
        List<Recommendation> out = new ArrayList<>(top.length);
        for (int i = 0; i < top.length; i++) {
            out.add(new Recommendation(matrix.courseId(top[i]), scores[top[i]], why[i]));
        }
        return out;
    }

    /**
     * Validates a request.
     *
     * @param learnerId the learner
     * @param k         how many
     */
    public static void checkRequest(String learnerId, int k) {
        if (learnerId == null) {
            throw ValidationException.of("learnerId", "must not be null");
        }
        if (k <= 0) {
            throw ValidationException.of("k", "must be at least 1 (was " + k + ")");
        }
    }

    /**
     * Sets the scores of the learner's own courses to negative infinity.
     *
     * @param history the row
     * @param scores  the scores
     */
    public static void maskOwn(LearnerHistory history, float[] scores) {
        for (int i = 0; i < history.size(); i++) {
            if (history.course(i) < scores.length) {
                scores[history.course(i)] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * Builds a "because you ..." explanation.
     *
     * @param history  the learner's row
     * @param position the position in the row of the course that contributed most
     * @return the explanation
     */
    protected Explanation becauseYou(LearnerHistory history, int position) {
        int course = history.course(position);
        InteractionKind kind = strongestKind(history.kinds(position));
        String verb = switch (kind) {
            case COMPLETE -> "completed";
            case PURCHASE -> "bought";
            case ENROL -> "enrolled in";
            case PROGRESS -> "are learning";
            case RATING -> "rated";
            case WISHLIST -> "saved";
            case VIEW -> "looked at";
        };
        return new Explanation(Explanation.Reason.BECAUSE_YOU, matrix.courseId(course), kind, "",
                "because you " + verb + " " + catalogue.title(matrix, course));
    }

    /**
     * Builds a "popular" explanation, naming the course's category when known.
     *
     * @param course the course index
     * @return the explanation
     */
    protected Explanation popular(int course) {
        String category = catalogue.category(matrix, course);
        return category.isBlank()
                ? new Explanation(Explanation.Reason.POPULAR_IN, "", null, "", "popular with learners")
                : new Explanation(Explanation.Reason.POPULAR_IN, "", null, category, "popular in " + category);
    }

    private static InteractionKind strongestKind(int mask) {
        InteractionKind[] order = {InteractionKind.COMPLETE, InteractionKind.PURCHASE, InteractionKind.ENROL,
                InteractionKind.PROGRESS, InteractionKind.RATING, InteractionKind.WISHLIST, InteractionKind.VIEW};
        for (InteractionKind k : order) {
            if ((mask & k.bit()) != 0) {
                return k;
            }
        }
        return InteractionKind.VIEW;
    }
}
