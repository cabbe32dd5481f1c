package io.learnloop.examples.storefront;

import io.learnloop.community.Community;
import io.learnloop.community.NewSpace;
import io.learnloop.community.Post;
import io.learnloop.community.Space;
import io.learnloop.community.Topic;
import io.learnloop.core.Learnloop;
import io.learnloop.core.assessment.ChoiceOption;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.catalog.Author;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.WatchReport;
import io.learnloop.core.learning.WatchedSegment;
import io.learnloop.core.money.Money;
import io.learnloop.core.review.ReviewDraft;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.sandbox.SandboxNotification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo catalogue the storefront starts with: two creators, a reviewer who approves their courses (Chinese and
 * English titles), a final quiz per course, a few learners who bought, watched and reviewed through the same services
 * the pages use, and community spaces with a first question. Runs once per store: a restart on the embedded database
 * finds the catalogue and leaves it alone.
 */
final class DemoCatalogue {
    static final Actor LIN = Actor.of("creator-lin", Role.CREATOR);
    static final Actor ADA = Actor.of("creator-ada", Role.CREATOR);
    static final Actor REVIEWER = Actor.of("reviewer-rita", Role.REVIEWER);
    static final Actor OPERATOR = Actor.of("operator", Role.ADMIN, Role.MODERATOR);

    /** A course to seed; {@code bonus} lessons are optional: course completion and the certificate do not need them. */
    private record Spec(Actor creator, CourseDetails details, long priceFen, List<String> lessons, List<String> bonus,
                        Question[] quiz) {
        Spec(Actor creator, CourseDetails details, long priceFen, List<String> lessons, Question[] quiz) {
            this(creator, details, priceFen, lessons, List.of(), quiz);
        }
    }

    private DemoCatalogue() {
    }

    /**
     * Seeds the store unless it already holds courses.
     *
     * @param shop the shop
     * @return whether anything was seeded
     */
    static boolean seed(Shop shop) {
        Learnloop ll = shop.learnloop;
        if (!ll.catalog().courses(0, 1).isEmpty()) {
            return false;
        }
        List<Course> courses = new ArrayList<>();
        for (Spec spec : specs()) {
            courses.add(publish(shop, spec));
        }
        // Java concurrency is written by two authors who share its revenue 70:30
        ll.catalog().setAuthors(LIN, courses.get(0).id(), List.of(new Author(LIN.id(), 70), new Author(ADA.id(), 30)));

        Community community = shop.community;
        community.createSpace(OPERATOR, NewSpace.general("Lounge 茶水间"));
        for (Course c : courses) {
            String title = c.published().details().title();
            community.createSpace(OPERATOR, NewSpace.course(title.length() > 50 ? title.substring(0, 50) : title, c.id().value()));
        }

        buy(shop, "mei", courses.get(0), courses.get(1));
        buy(shop, "tom", courses.get(0), courses.get(2));
        buy(shop, "sam", courses.get(1), courses.get(4));
        buy(shop, "li", courses.get(0), courses.get(4));
        watchFirstLesson(shop, "mei", courses.get(0));
        watchFirstLesson(shop, "tom", courses.get(0));
        watchFirstLesson(shop, "sam", courses.get(1));
        ll.reviews().submit(UserId.of("mei"), courses.get(0).id(), new ReviewDraft(5,
                "讲得很透彻", "线程池和 CompletableFuture 两章特别实用。"));
        ll.reviews().submit(UserId.of("tom"), courses.get(0).id(), new ReviewDraft(4,
                "Solid and practical", "Good examples; the quiz made me re-watch the memory-model part."));
        ll.reviews().submit(UserId.of("sam"), courses.get(1).id(), new ReviewDraft(4,
                "Clear pandas walkthrough", "Exactly the level I needed."));

        Space javaSpace = courseSpace(shop, courses.get(0));
        Topic q = community.createTopic(Actor.learner("mei"), javaSpace.id(), "volatile 和 synchronized 有什么区别？",
                "第二课提到了 happens-before，能再举个例子吗？", true);
        Post answer = community.reply(Actor.learner("tom"), q.id(),
                "`volatile` gives visibility and ordering for one variable; `synchronized` also gives mutual exclusion.", 0);
        community.acceptAnswer(Actor.learner("mei"), answer.id());
        return true;
    }

    static Space courseSpace(Shop shop, Course course) {
        return shop.community.spaces(OPERATOR).stream()
                .filter(s -> course.id().value().equals(s.courseId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no community space for course " + course.id()));
    }

    private static Course publish(Shop shop, Spec spec) {
        CatalogService catalog = shop.learnloop.catalog();
        Course c = catalog.createCourse(spec.creator(), spec.details());
        Chapter ch = catalog.addChapter(spec.creator(), c.id(), spec.details().language().equals("zh") ? "第一章" : "Chapter 1");
        List<Lesson> lessons = new ArrayList<>();
        for (int i = 0; i < spec.lessons().size(); i++) {
            lessons.add(catalog.addLesson(spec.creator(), c.id(), ch.id(), new LessonSpec(spec.lessons().get(i), LessonType.VIDEO,
                    Duration.ofSeconds(i == spec.lessons().size() - 1 ? 60 : 120), i == 0, "media://demo/" + c.id().value() + "/" + i)));
        }
        for (int i = 0; i < spec.bonus().size(); i++) {
            lessons.add(catalog.addLesson(spec.creator(), c.id(), ch.id(), new LessonSpec(spec.bonus().get(i), LessonType.VIDEO,
                    Duration.ofSeconds(90), false, "media://demo/" + c.id().value() + "/bonus-" + i).withOptional(true)));
        }
        catalog.submit(spec.creator(), c.id());
        Course published = catalog.approve(REVIEWER, c.id());
        shop.learnloop.quizzes().create(spec.creator(), new QuizDraft(c.id(), null, "Final quiz · 结业测验",
                List.of(spec.quiz()), QuizSettings.defaults().withFinalQuiz(true).withPassingPercent(60).withMaxAttempts(5)));
        Offer offer = shop.learnloop.commerce().createOffer(spec.creator(),
                OfferDraft.course(spec.details().title(), Money.ofMinor(spec.priceFen(), "CNY"), c.id()));
        shop.learnloop.context().transact(uow -> uow.insert(Listing.TYPE, new Listing(c.id().value(), offer.id().value())));
        return published;
    }

    /** Buys through checkout, the sandbox payer and the signed notification pipeline, as the pages do. */
    private static void buy(Shop shop, String learner, Course... courses) {
        for (Course course : courses) {
            Listing listing = shop.listing(course.id()).orElseThrow();
            Order order = shop.learnloop.commerce().placeOrder(Actor.learner(learner),
                    PlaceOrder.of("seed-" + learner + "-" + course.id().value(), OfferId.of(listing.offerId())));
            String ref = shop.payments.checkout(Actor.learner(learner), CheckoutRequest.of(order.id(),
                    ProviderId.SANDBOX, PaymentFlow.REDIRECT, course.published().details().title())).merchantReference();
            shop.sandbox.pay(ref);
            for (SandboxNotification n : shop.sandbox.deliverable()) {
                shop.payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers());
            }
            shop.clock.advance(Duration.ofMinutes(2));
        }
    }

    private static void watchFirstLesson(Shop shop, String learner, Course course) {
        Lesson first = course.published().chapters().get(0).lessons().get(0);
        for (int from = 0; from < first.duration().toSeconds(); from += 60) {
            shop.clock.advance(Duration.ofSeconds(60));
            shop.learnloop.progress().report(new WatchReport(UserId.of(learner), first.id(), "seed-device",
                    shop.clock.instant(), List.of(WatchedSegment.of(from, from + 60))));
        }
    }

    private static List<Spec> specs() {
        return List.of(
                new Spec(LIN, new CourseDetails("Java 并发编程实战", "线程、锁与 CompletableFuture",
                        "从线程池到内存模型，用真实案例讲清 Java 并发。", "zh", "programming",
                        List.of("java", "concurrency", "并发"), CourseLevel.INTERMEDIATE, "media://cover/java"), 19900,
                        List.of("为什么需要并发", "happens-before 与 volatile", "线程池调优"), List.of("加餐：虚拟线程初探"),
                        quiz("Which keyword guarantees visibility of a single variable across threads? / 哪个关键字保证单个变量的可见性？",
                                "volatile", List.of("volatile", "transient", "static"), "CompletableFuture runs on the common ForkJoinPool by default.",
                                true, "Which JDK class has factory methods such as newFixedThreadPool? / 哪个类提供 newFixedThreadPool？", "Executors")),
                new Spec(ADA, new CourseDetails("Practical Python for Data Analysis", "pandas, plots and clean data",
                        "Load, clean, group and chart real data sets with pandas.", "en", "data",
                        List.of("python", "pandas", "data"), CourseLevel.BEGINNER, "media://cover/python"), 14900,
                        List.of("Loading CSV files", "Grouping and aggregating", "Charts that tell the truth"),
                        quiz("Which pandas method groups rows by a column?", "groupby", List.of("groupby", "pivot_sort", "cluster"),
                                "A pandas DataFrame can hold columns of different types.", true,
                                "Which library is imported as pd?", "pandas")),
                new Spec(LIN, new CourseDetails("产品经理入门：从需求到上线", "需求、原型与数据",
                        "一门写给新人的产品课：用户访谈、需求文档、上线复盘。", "zh", "product",
                        List.of("product", "产品", "需求"), CourseLevel.BEGINNER, "media://cover/pm"), 9900,
                        List.of("用户访谈", "写一份好的需求文档", "上线与复盘"),
                        quiz("哪一项最适合验证需求？", "用户访谈", List.of("用户访谈", "直接开发", "等待竞品"),
                                "上线之后不需要复盘。", false, "MVP 的全称是 Minimum Viable ___", "Product")),
                new Spec(ADA, new CourseDetails("Writing Clear Technical English", "Docs, commits and design notes",
                        "Write documentation and design notes that colleagues read to the end.", "en", "language",
                        List.of("writing", "english", "docs"), CourseLevel.BEGINNER, "media://cover/writing"), 7900,
                        List.of("Say the point first", "Short sentences", "Review your own draft"),
                        quiz("Where should a design note state its conclusion?", "At the start",
                                List.of("At the start", "In an appendix", "Nowhere"), "Passive voice always makes text clearer.", false,
                                "Fill in: write for the ___ (who reads it)", "reader")),
                new Spec(LIN, new CourseDetails("机器学习基础 · Machine Learning Basics", "从线性回归到交叉验证",
                        "用 Python 理解模型、损失函数与过拟合。", "zh", "data",
                        List.of("machine learning", "python", "机器学习"), CourseLevel.INTERMEDIATE, "media://cover/ml"), 25900,
                        List.of("线性回归", "损失函数与梯度下降", "交叉验证"),
                        quiz("Which technique estimates how a model generalises?", "Cross-validation",
                                List.of("Cross-validation", "More epochs", "A bigger learning rate"),
                                "Overfitting means the model fits the training data too closely.", true,
                                "Gradient ___ (the optimisation method of lesson 2)", "descent")));
    }

    private static Question[] quiz(String choicePrompt, String correct, List<String> options, String tfPrompt, boolean tf,
                                   String fillPrompt, String fill) {
        List<ChoiceOption> choices = new ArrayList<>();
        String correctId = null;
        for (int i = 0; i < options.size(); i++) {
            choices.add(new ChoiceOption("o" + i, options.get(i)));
            if (options.get(i).equals(correct)) {
                correctId = "o" + i;
            }
        }
        return new Question[] {
            Question.singleChoice("q1", choicePrompt, choices, correctId, 1),
            Question.trueFalse("q2", tfPrompt, tf, 1),
            Question.fillIn("q3", fillPrompt, List.of(fill), 1)
        };
    }
}
