package io.learnloop.benchmarks.recommend;

import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionKind;
import io.learnloop.recommend.InteractionMatrix;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deterministic interaction data of a given shape: learners and courses drawn from Zipf-like laws (a few very
 * active learners and very popular courses, like MovieLens), every learner-course pair distinct.
 */
public final class BenchData {
    private BenchData() {
    }

    /**
     * Generates distinct learner-course pairs.
     *
     * @param learners     learners
     * @param courses      courses
     * @param interactions distinct pairs
     * @param seed         seed
     * @return the interactions
     */
    public static List<Interaction> pairs(int learners, int courses, int interactions, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] learnerCum = zipf(learners, 0.6);
        double[] courseCum = zipf(courses, 0.9);
        Set<Long> seen = new HashSet<>(interactions * 2);
        List<Interaction> out = new ArrayList<>(interactions);
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        // Every learner gets at least one course, so the learner count is exact.
        for (int u = 0; u < learners && out.size() < interactions; u++) {
            int c = pick(courseCum, r);
            seen.add((long) u * courses + c);
            out.add(Interaction.of("l" + u, "c" + c, InteractionKind.ENROL, t0.plusSeconds(r.nextInt(30_000_000))));
        }
        while (out.size() < interactions) {
            int u = pick(learnerCum, r);
            int c = pick(courseCum, r);
            if (seen.add((long) u * courses + c)) {
                out.add(Interaction.of("l" + u, "c" + c, InteractionKind.ENROL, t0.plusSeconds(r.nextInt(30_000_000))));
            }
        }
        return out;
    }

    /**
     * Builds a catalogue with bilingual titles for the courses {@code c0 .. c(n-1)}.
     *
     * @param courses how many
     * @return the catalogue
     */
    public static List<CourseInfo> catalogue(int courses) {
        String[] topics = {"Python 编程", "数据分析 Data", "摄影 Photography", "English 口语", "理财 Finance", "设计 Design",
                "Java 后端", "写作 Writing"};
        List<CourseInfo> out = new ArrayList<>(courses);
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        for (int c = 0; c < courses; c++) {
            String topic = topics[c % topics.length];
            out.add(new CourseInfo("c" + c, topic + " 第" + (c / topics.length) + "课", "course " + c + " about " + topic,
                    List.of(topic.split(" ")[0]), topic, "creator" + (c % 97), true, t0.plusSeconds(c * 3600L)));
        }
        return out;
    }

    /**
     * Builds a matrix from pairs and a catalogue.
     *
     * @param pairs     the interactions
     * @param catalogue the catalogue
     * @return the matrix
     */
    public static InteractionMatrix matrix(List<Interaction> pairs, List<CourseInfo> catalogue) {
        return InteractionMatrix.builder().courses(catalogue).addAll(pairs).build();
    }

    private static double[] zipf(int n, double s) {
        double[] cum = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, s);
            cum[i] = sum;
        }
        return cum;
    }

    private static int pick(double[] cum, SplittableRandom r) {
        double x = r.nextDouble() * cum[cum.length - 1];
        int i = java.util.Arrays.binarySearch(cum, x);
        return Math.min(cum.length - 1, i >= 0 ? i : -i - 1);
    }
}
