package io.learnloop.recommend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small deterministic data sets for tests. */
final class TestData {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TestData() {
    }

    /**
     * Two clusters of learners: "a" learners take courses a0..a9, "b" learners b0..b9, each a random subset of
     * about six, plus c-popular taken by almost everyone.
     */
    static List<Interaction> clusters(int learnersPerCluster, long seed) {
        Random r = new Random(seed);
        List<Interaction> out = new ArrayList<>();
        for (String cluster : List.of("a", "b")) {
            for (int u = 0; u < learnersPerCluster; u++) {
                String learner = cluster + "-learner-" + u;
                for (int c = 0; c < 10; c++) {
                    if (r.nextDouble() < 0.6) {
                        out.add(Interaction.of(learner, cluster + c, InteractionKind.ENROL, T0.plusSeconds(r.nextInt(86_400))));
                    }
                }
                if (r.nextDouble() < 0.9) {
                    out.add(Interaction.of(learner, "popular", InteractionKind.PURCHASE, T0.plusSeconds(r.nextInt(86_400))));
                }
            }
        }
        return out;
    }

    static List<CourseInfo> clusterCatalogue() {
        List<CourseInfo> out = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            out.add(new CourseInfo("a" + c, "Python 数据分析 " + c, "pandas numpy data analysis", List.of("python"),
                    "data", "creator-a" + (c % 3), true, T0.minusSeconds(86_400L * 365)));
            out.add(new CourseInfo("b" + c, "摄影 入门 " + c, "camera light composition photography", List.of("photo"),
                    "photography", "creator-b" + (c % 3), true, T0.minusSeconds(86_400L * 365)));
        }
        out.add(new CourseInfo("popular", "Time management 时间管理", "productivity", List.of("career"), "career",
                "creator-p", true, T0.minusSeconds(86_400L * 365)));
        return out;
    }
}
