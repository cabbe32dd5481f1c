package io.learnloop.examples.quickstart;

import io.learnloop.core.assessment.ChoiceOption;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.catalog.Author;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1: creators write courses in Chinese and English, and they go through the review workflow. A creator who is
 * also a reviewer is refused when she tries to approve her own course; the reviewer sends one course back for
 * changes and approves it after the fix.
 *
 * <p>Not thread-safe.
 */
public final class CatalogStage {
    private final DemoPlatform platform;
    private final Narrator narrator;

    /**
     * Creates the stage.
     *
     * @param platform the platform
     * @param narrator the narrator
     */
    public CatalogStage(DemoPlatform platform, Narrator narrator) {
        this.platform = platform;
        this.narrator = narrator;
    }

    /**
     * What the stage published.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param python       Python 入门 by Wang Fang and Liu Yang (70/30)
     * @param ml           机器学习实战 by Wang Fang
     * @param design       Product Design Fundamentals by Alice Chen
     * @param dataviz      Data Visualization with Python by Alice Chen
     * @param mandarin     Mandarin for Beginners 汉语入门 by Alice Chen
     * @param selfReview   the refusal Wang Fang got when approving her own course
     * @param changesAsked the reasons the reviewer gave when sending the Python course back
     */
    public record Result(CourseRef python, CourseRef ml, CourseRef design, CourseRef dataviz, CourseRef mandarin,
                         String selfReview, List<String> changesAsked) {
        /**
         * Copies the reasons.
         *
         * @param python       the Python course
         * @param ml           the machine-learning course
         * @param design       the design course
         * @param dataviz      the visualisation course
         * @param mandarin     the Mandarin course
         * @param selfReview   the refusal
         * @param changesAsked the reasons
         */
        public Result {
            changesAsked = List.copyOf(changesAsked);
        }

        /**
         * Every course, in the order they were written.
         *
         * @return the courses
         */
        public List<CourseRef> all() {
            return List.of(python, ml, design, dataviz, mandarin);
        }
    }

    /**
     * Runs the stage.
     *
     * @return what was published
     */
    public Result run() {
        narrator.stage("Creators write courses; reviewers approve them");
        Cast cast = platform.cast();
        CatalogService catalog = platform.learnloop().catalog();
        for (Actor a : List.of(cast.wang(), cast.liu(), cast.alice())) {
            platform.signUp(a.id());
        }

        // Wang Fang writes the Python course with Liu Yang as co-author (70/30) and submits it
        Course python = write(cast.wang(), new CourseDetails("Python 入门：从零到数据分析", "零基础学 Python，用 pandas 做第一份数据分析",
                "变量、函数、列表与字典，再用 pandas 读取和汇总真实数据。", "zh-CN", "programming",
                List.of("python", "pandas", "数据分析"), CourseLevel.BEGINNER, null), "python");
        catalog.setAuthors(cast.wang(), python.id(), List.of(Author.of("wang.fang", 70), Author.of("liu.yang", 30)));
        catalog.submit(cast.wang(), python.id());
        narrator.say("Wang Fang submits \"%s\" (co-author Liu Yang, revenue 70/30)", title(python));

        String refusal;
        try {
            catalog.approve(cast.wang(), python.id());
            throw new IllegalStateException("a creator approved her own course");
        } catch (ForbiddenException e) {
            refusal = e.getMessage();
        }
        narrator.say("Wang Fang is also a reviewer, but approving her own course is refused:");
        narrator.detail("%s", refusal);

        List<String> reasons = List.of("Add a short summary lesson at the end of the chapter");
        catalog.requestChanges(cast.reviewer(), python.id(), reasons);
        narrator.say("Reviewer Zhao sends it back: %s", reasons.get(0));
        Chapter chapter = catalog.course(python.id()).latest().chapters().get(0);
        catalog.addLesson(cast.wang(), python.id(), chapter.id(), new LessonSpec("本章小结 Summary", LessonType.ARTICLE,
                Duration.ofMinutes(4), false, "article:python-summary"));
        catalog.submit(cast.wang(), python.id());
        platform.clock().advance(Duration.ofHours(3));
        catalog.approve(cast.reviewer(), python.id());
        narrator.say("Wang Fang adds the summary and resubmits; the reviewer approves: %s",
                catalog.course(python.id()).status());

        Course ml = write(cast.wang(), new CourseDetails("机器学习实战", "用 scikit-learn 做分类与回归",
                "从线性回归到随机森林，完整走一遍建模流程。", "zh-CN", "data-science",
                List.of("machine learning", "python", "机器学习"), CourseLevel.INTERMEDIATE, null), "ml");
        Course design = write(cast.alice(), new CourseDetails("Product Design Fundamentals", "From problem to prototype",
                "User research, sketching, wireframes and usability tests.", "en", "design",
                List.of("design", "ux", "prototyping"), CourseLevel.BEGINNER, null), "design");
        Course dataviz = write(cast.alice(), new CourseDetails("Data Visualization with Python", "Charts that tell the truth",
                "matplotlib and seaborn, choosing the right chart, avoiding misleading axes.", "en", "data-science",
                List.of("python", "visualization", "data"), CourseLevel.INTERMEDIATE, null), "dataviz");
        Course mandarin = write(cast.alice(), new CourseDetails("Mandarin for Beginners 汉语入门", "Pinyin, tones and your first 300 words",
                "Pronunciation, everyday phrases and simple characters.", "en", "language",
                List.of("mandarin", "chinese", "汉语"), CourseLevel.BEGINNER, null), "mandarin");
        for (Course c : List.of(ml, design, dataviz, mandarin)) {
            Actor author = c.creator().equals(cast.wang().id()) ? cast.wang() : cast.alice();
            catalog.submit(author, c.id());
            catalog.approve(cast.reviewer(), c.id());
        }
        platform.clock().advance(Duration.ofHours(2));

        List<CourseRef> refs = new ArrayList<>();
        for (Course c : List.of(python, ml, design, dataviz, mandarin)) {
            Actor author = c.creator().equals(cast.wang().id()) ? cast.wang() : cast.alice();
            refs.add(withQuiz(author, catalog.course(c.id())));
        }
        narrator.say("Published %d courses:", refs.size());
        for (CourseRef r : refs) {
            Course c = catalog.course(r.id());
            narrator.detail("%s %-13s %d lessons, v%d, status %s", Narrator.pad(r.title(), 38), r.category(), r.lessons().size(),
                    c.published().version(), c.status());
        }
        return new Result(refs.get(0), refs.get(1), refs.get(2), refs.get(3), refs.get(4), refusal, reasons);
    }

    private Course write(Actor author, CourseDetails details, String key) {
        CatalogService catalog = platform.learnloop().catalog();
        Course course = catalog.createCourse(author, details);
        Chapter chapter = catalog.addChapter(author, course.id(), "第一章 Chapter 1");
        catalog.addLesson(author, course.id(), chapter.id(), new LessonSpec("欢迎 Welcome", LessonType.VIDEO,
                Duration.ofMinutes(3), true, "video:" + key + "-welcome"));
        catalog.addLesson(author, course.id(), chapter.id(), new LessonSpec("核心概念 Core ideas", LessonType.VIDEO,
                Duration.ofMinutes(8), false, "video:" + key + "-core"));
        catalog.addLesson(author, course.id(), chapter.id(), new LessonSpec("动手练习 Hands-on", LessonType.ARTICLE,
                Duration.ofMinutes(6), false, "article:" + key + "-practice"));
        catalog.addLesson(author, course.id(), chapter.id(), new LessonSpec("结业测验 Final quiz", LessonType.QUIZ,
                Duration.ofMinutes(5), false, "quiz:" + key));
        return catalog.course(course.id());
    }

    private CourseRef withQuiz(Actor author, Course course) {
        var lessons = course.published().lessons();
        var quizLesson = lessons.stream().filter(l -> l.type() == LessonType.QUIZ).findFirst().orElseThrow();
        List<Question> questions = List.of(
                Question.singleChoice("q1", "Which lesson introduced the core ideas?", List.of(
                        new ChoiceOption("a", "欢迎 Welcome"), new ChoiceOption("b", "核心概念 Core ideas"),
                        new ChoiceOption("c", "动手练习 Hands-on")), "b", 2),
                Question.trueFalse("q2", "Practising right after a lesson helps you remember it.", true, 1),
                Question.numeric("q3", "How many minutes long is the core-ideas video?", "8", "0", 1));
        Quiz quiz = platform.learnloop().quizzes().create(author, new QuizDraft(course.id(), quizLesson.id(),
                "结业测验 Final quiz", questions, QuizSettings.defaults().withFinalQuiz(true).withPassingPercent(75)));
        var details = course.published().details();
        return new CourseRef(course.id(), details.title(), details.category(), lessons, quiz.id());
    }

    private static String title(Course c) {
        return c.latest().details().title();
    }
}
