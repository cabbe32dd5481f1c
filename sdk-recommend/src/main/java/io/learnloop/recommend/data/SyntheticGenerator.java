package io.learnloop.recommend.data;

import io.learnloop.core.error.Validator;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates learners and courses with known structure, for tests, demos and benchmarks. Courses belong to one of
 * sixteen topics and come in series of up to three levels (beginner, intermediate, advanced), launched one after
 * another over 22 months, with Chinese or English titles built from the topic's vocabulary; their appeal follows a
 * Zipf law, so a few courses are very popular. Each learner has one to three topics of interest; about 80 % of a
 * learner's courses come from those topics (weighted by appeal), the rest from the whole catalogue, 40 % of the
 * time the next level of the series just taken. A course can only be taken after its launch and draws extra
 * attention in its first months. Each chosen course yields an enrolment or purchase, and sometimes progress, a
 * completion and a rating, at increasing times.
 *
 * <p>Thread-safe: static helpers without state; the same seed gives the same data.
 */
public final class SyntheticGenerator {
    private static final String[][] TOPICS = {
            {"Python 编程", "Python Programming", "python 编程 函数 数据结构", "python functions data structures"},
            {"数据分析", "Data Analysis", "数据 分析 统计 可视化", "pandas statistics visualisation"},
            {"机器学习", "Machine Learning", "机器 学习 模型 算法", "models algorithms training"},
            {"摄影", "Photography", "摄影 构图 光线 相机", "composition light camera"},
            {"英语口语", "Spoken English", "英语 口语 发音 会话", "pronunciation conversation speaking"},
            {"产品经理", "Product Management", "产品 需求 用户 设计", "requirements users roadmap"},
            {"短视频运营", "Short Video Marketing", "短视频 运营 流量 剪辑", "video editing growth"},
            {"理财投资", "Personal Finance", "理财 投资 基金 股票", "investing funds budgeting"},
            {"心理学", "Psychology", "心理 情绪 认知 行为", "emotion cognition behaviour"},
            {"UI 设计", "UI Design", "界面 设计 交互 配色", "interface interaction colour"},
            {"Java 后端", "Java Backend", "java 后端 并发 数据库", "java concurrency databases"},
            {"写作", "Writing", "写作 文案 故事 表达", "copywriting storytelling"},
            {"健身", "Fitness", "健身 训练 营养 体能", "training nutrition strength"},
            {"日语", "Japanese", "日语 语法 词汇 听力", "grammar vocabulary listening"},
            {"绘画", "Drawing", "绘画 素描 色彩 插画", "sketching colour illustration"},
            {"职场沟通", "Workplace Communication", "沟通 职场 表达 谈判", "negotiation presenting teamwork"},
    };
    private static final String[][] LEVELS = {{"入门", "Introduction to"}, {"进阶", "Intermediate"},
            {"高级实战", "Advanced"}};
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private SyntheticGenerator() {
    }

    /**
     * Generates a data set with one course per ten learners (at least 50, at most 5,000).
     *
     * @param learners how many learners, 1 to 10,000,000
     * @param seed     the seed
     * @return the data set
     * @throws io.learnloop.core.error.ValidationException if learners is out of range
     */
    public static Dataset generate(int learners, long seed) {
        return generate(learners, Math.max(50, Math.min(5_000, learners / 10)), 12, seed);
    }

    /**
     * Generates a data set.
     *
     * @param learners          how many learners, 1 to 10,000,000
     * @param courses           how many courses, 1 to 1,000,000
     * @param meanCourses       the mean number of courses per learner, 1 to 1,000
     * @param seed              the seed
     * @return the data set
     * @throws io.learnloop.core.error.ValidationException if an argument is out of range
     */
    public static Dataset generate(int learners, int courses, int meanCourses, long seed) {
        new Validator()
                .check(learners >= 1 && learners <= 10_000_000, "learners", "must be 1 to 10000000 (was " + learners + ")")
                .check(courses >= 1 && courses <= 1_000_000, "courses", "must be 1 to 1000000 (was " + courses + ")")
                .check(meanCourses >= 1 && meanCourses <= 1_000, "meanCourses",
                        "must be 1 to 1000 (was " + meanCourses + ")")
                .throwIfInvalid();
        SplittableRandom r = new SplittableRandom(seed);
        int topics = TOPICS.length;
        List<CourseInfo> catalogue = new ArrayList<>(courses);
        int[] topicOf = new int[courses];
        int[] levelOf = new int[courses];
        double[] appeal = new double[courses];
        int[] rank = new int[courses];
        for (int c = 0; c < courses; c++) {
            rank[c] = c;
        }
        for (int c = courses - 1; c > 0; c--) {
            int j = r.nextInt(c + 1);
            int t = rank[c];
            rank[c] = rank[j];
            rank[j] = t;
        }
        // Courses come in series of three levels of one topic (入门 / 进阶 / 高级实战), launched one after another.
        int[] seriesNext = new int[courses];
        Arrays.fill(seriesNext, -1);
        long[] launched = new long[courses];
        long spanDays = 660;
        for (int c = 0; c < courses; c++) {
            boolean continues = c > 0 && levelOf[c - 1] < LEVELS.length - 1 && r.nextDouble() < 0.7;
            int topic = continues ? topicOf[c - 1] : r.nextInt(topics);
            int level = continues ? levelOf[c - 1] + 1 : 0;
            topicOf[c] = topic;
            levelOf[c] = level;
            if (continues) {
                seriesNext[c - 1] = c;
            }
            appeal[c] = 1.0 / Math.pow(rank[c] + 1, 0.9);
            launched[c] = continues ? launched[c - 1] + 20 + r.nextInt(60) : r.nextInt((int) spanDays);
            String[] t = TOPICS[topic];
            int series = continues ? seriesOf(c - 1, catalogue) : c;
            boolean chinese = continues ? catalogue.get(c - 1).title().codePoints()
                    .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) : r.nextBoolean();
            String title = chinese
                    ? t[0] + LEVELS[level][0] + "（第" + (series % 97 + 1) + "套）"
                    : LEVELS[level][1] + " " + t[1] + " (series " + (series % 97 + 1) + ")";
            String description = chinese ? t[2] : t[3];
            String creator = "creator-" + (topic * 10 + series % 10);
            catalogue.add(new CourseInfo("course-" + c, title, description, List.of(t[1].toLowerCase(java.util.Locale.ROOT),
                    "series-" + series), t[1], creator, true, START.plus(Duration.ofDays(launched[c]))));
        }
        double[][] topicCumulative = new double[topics][];
        int[][] topicCourses = new int[topics][];
        for (int t = 0; t < topics; t++) {
            int tt = t;
            topicCourses[t] = java.util.stream.IntStream.range(0, courses).filter(c -> topicOf[c] == tt).toArray();
            topicCumulative[t] = cumulative(topicCourses[t], appeal);
        }
        int[] all = java.util.stream.IntStream.range(0, courses).toArray();
        double[] allCumulative = cumulative(all, appeal);

        List<Interaction> out = new ArrayList<>();
        for (int u = 0; u < learners; u++) {
            String learner = "learner-" + u;
            int interests = 1 + r.nextInt(3);
            int[] mine = new int[interests];
            for (int i = 0; i < interests; i++) {
                mine[i] = r.nextInt(topics);
            }
            int want = Math.max(2, (int) Math.round(meanCourses * Math.exp(r.nextGaussian() * 0.6 - 0.18)));
            want = Math.min(want, courses);
            Set<Integer> taken = new HashSet<>();
            long day = r.nextInt((int) spanDays / 3);
            int last = -1;
            int attempts = 0;
            while (taken.size() < want && attempts++ < want * 30) {
                int c;
                if (last >= 0 && seriesNext[last] >= 0 && r.nextDouble() < 0.4) {
                    c = seriesNext[last];
                } else if (r.nextDouble() < 0.8) {
                    int t = mine[r.nextInt(interests)];
                    if (topicCourses[t].length == 0) {
                        continue;
                    }
                    c = topicCourses[t][pick(topicCumulative[t], r)];
                } else {
                    c = all[pick(allCumulative, r)];
                }
                // A course can only be taken once it exists; a new launch draws extra attention for a while.
                if (launched[c] > day || taken.contains(c)) {
                    continue;
                }
                long age = day - launched[c];
                if (r.nextDouble() > 0.35 + 0.65 * Math.exp(-age / 90.0)) {
                    continue;
                }
                taken.add(c);
                last = c;
                day += 1 + r.nextInt(10);
                Instant at = START.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(r.nextInt(1440)));
                String course = "course-" + c;
                double roll = r.nextDouble();
                if (roll < 0.1) {
                    out.add(Interaction.of(learner, course, InteractionKind.WISHLIST, at));
                    continue;
                }
                out.add(Interaction.of(learner, course, roll < 0.55 ? InteractionKind.PURCHASE : InteractionKind.ENROL, at));
                if (r.nextDouble() < 0.7) {
                    out.add(new Interaction(learner, course, InteractionKind.PROGRESS, Math.round(r.nextDouble() * 100) / 100.0,
                            at.plus(Duration.ofDays(1))));
                    if (r.nextDouble() < 0.5) {
                        out.add(Interaction.of(learner, course, InteractionKind.COMPLETE, at.plus(Duration.ofDays(7))));
                        if (r.nextDouble() < 0.4) {
                            out.add(new Interaction(learner, course, InteractionKind.RATING, 3 + r.nextInt(3),
                                    at.plus(Duration.ofDays(8))));
                        }
                    }
                }
            }
        }
        return new Dataset("synthetic " + learners + " learners x " + courses + " courses (seed " + seed + ")", out,
                catalogue);
    }

    private static int seriesOf(int c, List<CourseInfo> catalogue) {
        String tag = catalogue.get(c).tags().get(1);
        return Integer.parseInt(tag.substring("series-".length()));
    }

    private static double[] cumulative(int[] ids, double[] weight) {
        double[] cum = new double[ids.length];
        double sum = 0;
        for (int i = 0; i < ids.length; i++) {
            sum += weight[ids[i]];
            cum[i] = sum;
        }
        return cum;
    }

    private static int pick(double[] cumulative, SplittableRandom r) {
        double x = r.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }
}
