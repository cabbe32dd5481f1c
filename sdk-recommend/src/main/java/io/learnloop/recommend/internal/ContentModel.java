package io.learnloop.recommend.internal;

import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Explanation;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Content-based model: each catalogue course is a TF-IDF vector (sub-linear term frequency, smoothed inverse
 * document frequency, unit length) over its title (counted twice), description, tags and category; tags and the
 * category also count as whole terms. A learner's profile is the sum of the vectors of the learner's courses,
 * weighted by {@code ln(1 + strength)}; a course's score is its dot product with the profile. Courses without
 * interactions score like any other, which is how new courses reach learners.
 *
 * <p>Thread-safe: immutable once trained.
 */
public final class ContentModel extends ScoringModel {
    private final String[] terms;
    // Course vectors, compressed by course.
    private final int[] courseStart;
    private final int[] courseTerms;
    private final float[] courseValues;
    // The same vectors, compressed by term (an inverted index).
    private final int[] termStart;
    private final int[] termCourses;
    private final float[] termValues;

    /**
     * Builds the vectors for every course of the matrix that the catalogue describes.
     *
     * @param matrix    the matrix
     * @param catalogue the catalogue
     */
    public ContentModel(InteractionMatrix matrix, Catalogue catalogue) {
        super(matrix, catalogue);
        int n = matrix.courseCount();
        Map<String, Integer> ids = new HashMap<>();
        List<String> names = new ArrayList<>();
        List<Map<Integer, Double>> counts = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            Map<Integer, Double> tf = new HashMap<>();
            CourseInfo info = catalogue.get(matrix.courseId(c));
            if (info != null) {
                add(tf, ids, names, Tokenizer.tokens(info.title()), 2.0);
                add(tf, ids, names, Tokenizer.tokens(info.description()), 1.0);
                for (String tag : info.tags()) {
                    add(tf, ids, names, Tokenizer.tokens(tag), 1.0);
                    if (!tag.isBlank()) {
                        add(tf, ids, names, List.of("#" + tag.strip().toLowerCase(Locale.ROOT)), 2.0);
                    }
                }
                if (!info.category().isBlank()) {
                    add(tf, ids, names, Tokenizer.tokens(info.category()), 1.0);
                    add(tf, ids, names, List.of("@" + info.category().strip().toLowerCase(Locale.ROOT)), 2.0);
                }
            }
            counts.add(tf);
        }
        int v = names.size();
        terms = names.toArray(new String[0]);
        int[] df = new int[v];
        int total = 0;
        for (Map<Integer, Double> tf : counts) {
            for (int t : tf.keySet()) {
                df[t]++;
            }
            total += tf.size();
        }
        courseStart = new int[n + 1];
        courseTerms = new int[total];
        courseValues = new float[total];
        int at = 0;
        for (int c = 0; c < n; c++) {
            courseStart[c] = at;
            Map<Integer, Double> tf = counts.get(c);
            double norm = 0;
            int begin = at;
            for (Map.Entry<Integer, Double> e : tf.entrySet()) {
                double w = (1 + Math.log(e.getValue())) * (Math.log((1.0 + n) / (1.0 + df[e.getKey()])) + 1);
                courseTerms[at] = e.getKey();
                courseValues[at] = (float) w;
                norm += w * w;
                at++;
            }
            double inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int k = begin; k < at; k++) {
                courseValues[k] *= (float) inv;
            }
        }
        courseStart[n] = at;
        termStart = new int[v + 1];
        for (int k = 0; k < total; k++) {
            termStart[courseTerms[k] + 1]++;
        }
        for (int t = 0; t < v; t++) {
            termStart[t + 1] += termStart[t];
        }
        int[] fill = java.util.Arrays.copyOf(termStart, v);
        termCourses = new int[total];
        termValues = new float[total];
        for (int c = 0; c < n; c++) {
            for (int k = courseStart[c]; k < courseStart[c + 1]; k++) {
                int pos = fill[courseTerms[k]]++;
                termCourses[pos] = c;
                termValues[pos] = courseValues[k];
            }
        }
    }

    private static void add(Map<Integer, Double> tf, Map<String, Integer> ids, List<String> names, List<String> tokens,
                            double weight) {
        for (String token : tokens) {
            Integer id = ids.get(token);
            if (id == null) {
                id = names.size();
                ids.put(token, id);
                names.add(token);
            }
            tf.merge(id, weight, Double::sum);
        }
    }

    @Override
    public String name() {
        return "content";
    }

    private float[] profile(LearnerHistory history) {
        return profile(history, null);
    }

    private float[] profile(LearnerHistory history, float[] rowWeights) {
        float[] profile = new float[terms.length];
        int n = courseStart.length - 1;
        for (int p = 0; p < history.size(); p++) {
            int c = history.course(p);
            if (c >= n) {
                continue;
            }
            float w = (float) Math.log1p(history.strength(p)) * (rowWeights == null ? 1f : rowWeights[p]);
            for (int k = courseStart[c]; k < courseStart[c + 1]; k++) {
                profile[courseTerms[k]] += w * courseValues[k];
            }
        }
        return profile;
    }

    @Override
    public boolean score(LearnerHistory history, int learner, float[] scores) {
        return score(history, learner, null, scores);
    }

    @Override
    public boolean score(LearnerHistory history, int learner, float[] rowWeights, float[] scores) {
        if (history.isEmpty() || terms.length == 0) {
            return false;
        }
        float[] profile = profile(history, rowWeights);
        for (int t = 0; t < profile.length; t++) {
            float w = profile[t];
            if (w == 0) {
                continue;
            }
            for (int k = termStart[t]; k < termStart[t + 1]; k++) {
                scores[termCourses[k]] += w * termValues[k];
            }
        }
        return true;
    }

    @Override
    public Explanation explain(LearnerHistory history, int course) {
        if (course >= courseStart.length - 1) {
            return popular(course);
        }
        float[] profile = profile(history);
        int best = -1;
        double bestValue = 0;
        for (int k = courseStart[course]; k < courseStart[course + 1]; k++) {
            String term = terms[courseTerms[k]];
            // Whole tags and categories read better than fragments, so they win ties and near-ties.
            double bonus = term.startsWith("#") || term.startsWith("@") ? 1.5 : 1.0;
            double value = profile[courseTerms[k]] * courseValues[k] * bonus;
            if (value > bestValue) {
                bestValue = value;
                best = courseTerms[k];
            }
        }
        if (best < 0) {
            return popular(course);
        }
        String term = terms[best];
        String topic = term.startsWith("#") || term.startsWith("@") ? term.substring(1) : term;
        return new Explanation(Explanation.Reason.MATCHES_INTEREST, "", null, topic,
                "matches your interest in " + topic);
    }

    @Override
    public long memoryBytes() {
        long bytes = 64 + (courseStart.length + termStart.length) * 4L + courseTerms.length * 16L;
        for (String t : terms) {
            bytes += 48 + t.length() * 2L;
        }
        return bytes;
    }
}
