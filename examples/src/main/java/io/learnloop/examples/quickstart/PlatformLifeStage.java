package io.learnloop.examples.quickstart;

import io.learnloop.core.Page;
import io.learnloop.community.Space;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantSource;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.review.ReviewDraft;
import io.learnloop.payment.PaymentFlow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Stage 5: the platform runs for some weeks. New learners arrive each week (some through adverts, some through a
 * friend's referral link), watch free previews, buy courses or the membership through the Sandbox provider, learn,
 * earn certificates, review and post in the community; memberships renew or lapse; a learner becomes a creator and
 * publishes a course. Every step goes through the same services as the story before it, so the store ends up
 * holding the history the recommendations and the growth report are built from. A seeded random draw decides who
 * does what, so every run tells the same story.
 *
 * <p>Not thread-safe.
 */
public final class PlatformLifeStage {
    private static final String[] NAMES = {"chen.jing", "olivia.brown", "wang.lei", "noah.smith", "liu.fang",
        "mia.garcia", "zhao.min", "lucas.martin", "huang.yu", "ava.jones", "zhou.jie", "ethan.lee", "wu.xia",
        "sofia.rossi", "sun.hao", "liam.nguyen", "ma.lin", "isabella.kim", "hu.tao", "james.wong", "guo.qing",
        "amelia.clark", "lin.yi", "oliver.hall", "he.ping", "chloe.adams", "gao.yan", "henry.wright", "luo.na",
        "grace.hill"};

    private final DemoPlatform platform;
    private final Narrator narrator;
    private final SandboxCheckout checkout;
    private final RevenueBooks books;
    private final int weeks;
    private final int arrivalsPerWeek;
    private final Random random = new Random(2026);
    private final Map<UserId, Crowd> crowd = new LinkedHashMap<>();

    /**
     * Creates the stage.
     *
     * @param platform        the platform
     * @param narrator        the narrator
     * @param checkout        the checkout
     * @param books           the revenue books
     * @param weeks           how many weeks to run
     * @param arrivalsPerWeek how many learners sign up each week
     */
    public PlatformLifeStage(DemoPlatform platform, Narrator narrator, SandboxCheckout checkout, RevenueBooks books,
                             int weeks, int arrivalsPerWeek) {
        this.platform = platform;
        this.narrator = narrator;
        this.checkout = checkout;
        this.books = books;
        this.weeks = weeks;
        this.arrivalsPerWeek = Math.min(arrivalsPerWeek, NAMES.length / Math.max(1, weeks));
    }

    /** One simulated learner's state. */
    private static final class Crowd {
        final Actor actor;
        final CourseRef interest;
        Instant lastActive;
        boolean churned;

        Crowd(Actor actor, CourseRef interest, Instant now) {
            this.actor = actor;
            this.interest = interest;
            this.lastActive = now;
        }
    }

    /**
     * What the weeks produced.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param arrivals      learners who signed up
     * @param referred      of them, those who came through a referral link
     * @param orders        orders paid
     * @param completions   courses completed
     * @param reviews       reviews written
     * @param posts         community posts written
     * @param renewals      memberships renewed
     * @param newCourse     the course Sam Okafor published after becoming a creator
     * @param end           when the weeks ended
     */
    public record Result(int arrivals, int referred, int orders, int completions, int reviews, int posts,
                         int renewals, CourseRef newCourse, Instant end) {
    }

    /**
     * Runs the stage.
     *
     * @param catalog   what stage 1 published
     * @param commerce  what stage 2 sold
     * @param community the spaces of stage 4
     * @return what happened
     */
    public Result run(CatalogStage.Result catalog, CommerceStage.Result commerce, CommunityStage.Result community) {
        narrator.stage("The platform runs for " + weeks + " weeks");
        Learnloop ll = platform.learnloop();
        Counts counts = new Counts();
        Instant start = QuickstartDemo.START;
        List<CourseRef> courses = new ArrayList<>(catalog.all());
        Map<String, Offer> offers = new HashMap<>(commerce.courseOffers());
        CourseRef samCourse = null;
        int names = 0;
        Narrator.Progress bar = narrator.progress("simulating weeks", weeks);
        for (int week = 1; week <= weeks; week++) {
            platform.clock().advanceTo(start.plus(Duration.ofDays(7L * week)));
            platform.spendOnAdverts(CommerceStage.cny("300.00"));
            for (int i = 0; i < arrivalsPerWeek && names < NAMES.length; i++) {
                arrive(NAMES[names++], courses, counts);
            }
            if (week == 1) {
                // Sam arrives as a learner and buys the Python course; he will publish his own later
                Actor sam = platform.cast().sam();
                platform.signUp(sam.id());
                counts.arrivals++;
                Crowd c = new Crowd(sam, catalog.python(), platform.clock().instant());
                crowd.put(sam.id(), c);
                buy(c, offers.get(catalog.python().id().value()), true, counts);
            }
            if (week == Math.max(2, weeks / 2) && samCourse == null) {
                samCourse = samBecomesCreator(offers);
                courses.add(samCourse);
            }
            for (Crowd c : new ArrayList<>(crowd.values())) {
                if (c.churned) {
                    continue;
                }
                platform.clock().advance(Duration.ofHours(3));
                act(c, courses, offers, commerce.membership(), community, counts);
            }
            renewMemberships(commerce.membership(), counts);
            bar.step();
        }
        platform.clock().advanceTo(start.plus(Duration.ofDays(7L * (weeks + 1))));
        narrator.say("%d learners signed up (%d through a referral link), %d orders paid, %d memberships renewed",
                counts.arrivals, counts.referred, counts.orders, counts.renewals);
        narrator.say("%d courses completed, %d reviews, %d community posts; Sam Okafor became a creator and published \"%s\"",
                counts.completions, counts.reviews, counts.posts, samCourse == null ? "-" : samCourse.title());
        narrator.say("Access decisions now: %d learners hold at least one course",
                platform.members().stream().filter(m -> !ll.access().entitledCourses(m.id(), platform.clock().instant()).isEmpty()).count());
        return new Result(counts.arrivals, counts.referred, counts.orders, counts.completions, counts.reviews,
                counts.posts, counts.renewals, samCourse, platform.clock().instant());
    }

    private static final class Counts {
        int arrivals;
        int referred;
        int orders;
        int completions;
        int reviews;
        int posts;
        int renewals;
    }

    private void arrive(String name, List<CourseRef> courses, Counts counts) {
        Actor actor = Actor.learner(name);
        List<UserId> referrers = new ArrayList<>();
        for (DemoPlatform.Member m : platform.members()) {
            if (!platform.learnloop().commerce().ordersOf(DemoPlatform.FINANCE, m.id(), null, 1).items().isEmpty()) {
                referrers.add(m.id());
            }
        }
        UserId referrer = !referrers.isEmpty() && random.nextDouble() < 0.5
                ? referrers.get(random.nextInt(referrers.size())) : null;
        platform.signUp(actor.id(), referrer);
        if (referrer != null) {
            books.referral(actor.id(), referrer);
            counts.referred++;
        }
        counts.arrivals++;
        CourseRef interest = courses.get(random.nextInt(courses.size()));
        Crowd c = new Crowd(actor, interest, platform.clock().instant());
        crowd.put(actor.id(), c);
        platform.clock().advance(Duration.ofMinutes(20 + random.nextInt(90)));
        new Learner(platform, actor.id(), Duration.ofSeconds(60)).take(interest, interest.lessons().get(0));
    }

    private void act(Crowd c, List<CourseRef> courses, Map<String, Offer> offers, Offer membership,
                     CommunityStage.Result community, Counts counts) {
        Learnloop ll = platform.learnloop();
        Instant now = platform.clock().instant();
        List<CourseId> owned = ll.access().entitledCourses(c.actor.id(), now);
        boolean everPaid = !ll.commerce().ordersOf(c.actor, c.actor.id(), null, 1).items().isEmpty();
        if (owned.isEmpty()) {
            if (random.nextDouble() < (everPaid ? 0.15 : 0.35)) {
                boolean member = random.nextDouble() < 0.25 && membershipCovers(c.interest);
                Offer offer = member ? membership : offers.get(c.interest.id().value());
                buy(c, offer, !everPaid, counts);
                c.lastActive = platform.clock().instant();
            } else if (Duration.between(c.lastActive, now).toDays() >= 21) {
                c.churned = true;
            }
            return;
        }
        Learner learner = new Learner(platform, c.actor.id(), Duration.ofSeconds(60));
        CourseRef current = null;
        for (CourseRef course : courses) {
            if (owned.contains(course.id()) && !ll.progress().courseCompletion(c.actor.id(), course.id()).completed()) {
                current = course;
                break;
            }
        }
        if (current == null) {
            c.lastActive = now;
            CourseRef next = courses.get(random.nextInt(courses.size()));
            if (!owned.contains(next.id()) && offers.containsKey(next.id().value()) && random.nextDouble() < 0.3) {
                buy(c, offers.get(next.id().value()), false, counts);
            }
            return;
        }
        int lessons = 1 + random.nextInt(3);
        for (Lesson l : current.lessons()) {
            if (lessons == 0) {
                break;
            }
            if (ll.progress().lessonProgress(c.actor.id(), l.id()).map(p -> p.completed()).orElse(false)) {
                continue;
            }
            if (l.type() == LessonType.QUIZ) {
                boolean retry = !ll.quizzes().attempts(c.actor.id(), current.quiz()).isEmpty();
                learner.quiz(current, retry || random.nextDouble() < 0.8);
            } else {
                learner.take(current, l);
            }
            lessons--;
        }
        c.lastActive = platform.clock().instant();
        if (ll.progress().courseCompletion(c.actor.id(), current.id()).completed()
                && ll.certificates().check(c.actor.id(), current.id()).met()) {
            ll.certificates().issue(c.actor.id(), current.id());
            counts.completions++;
            if (random.nextDouble() < 0.7) {
                int stars = random.nextDouble() < 0.5 ? 5 : random.nextDouble() < 0.7 ? 4 : 3;
                ll.reviews().submit(c.actor.id(), current.id(), new ReviewDraft(stars, null, null));
                counts.reviews++;
            }
        }
        Space space = community.spaces().get(current.id().value());
        if (space != null && random.nextDouble() < 0.3) {
            platform.community().createTopic(c.actor, space.id(), "Question about " + current.title(),
                    "Could someone explain the hands-on exercise in a different way?", true);
            counts.posts++;
        }
    }

    private boolean membershipCovers(CourseRef course) {
        return course.category().equals("programming") || course.category().equals("data-science");
    }

    private void buy(Crowd c, Offer offer, boolean firstOrder, Counts counts) {
        var commerce = platform.learnloop().commerce();
        String key = c.actor.id().value() + "-" + (AllPages.of(cursor -> commerce.ordersOf(c.actor, c.actor.id(), cursor,
                Page.MAX_LIMIT)).size() + 1);
        PlaceOrder request = PlaceOrder.of(key, offer.id());
        if (firstOrder) {
            request = request.withCoupons(CommerceStage.COUPON);
        }
        Order order = commerce.placeOrder(c.actor, request);
        PaymentFlow flow = random.nextBoolean() ? PaymentFlow.QR_CODE : PaymentFlow.CLIENT_SECRET;
        checkout.checkout(order, flow, offer.title().length() > 100 ? offer.title().substring(0, 100) : offer.title());
        platform.clock().advance(Duration.ofSeconds(30 + random.nextInt(60)));
        checkout.payerPays(order.id());
        for (Delivery d : checkout.deliverNotifications()) {
            if ("SETTLED".equals(d.outcome())) {
                counts.orders++;
            }
        }
    }

    private void renewMemberships(Offer membership, Counts counts) {
        Learnloop ll = platform.learnloop();
        Instant now = platform.clock().instant();
        Instant nextWeek = now.plus(Duration.ofDays(7));
        for (DemoPlatform.Member m : platform.members()) {
            Grant last = null;
            for (Grant g : ll.access().grantsOf(m.id())) {
                if (g.source() == GrantSource.MEMBERSHIP && g.revocation() == null
                        && (last == null || g.endsAt().isAfter(last.endsAt()))) {
                    last = g;
                }
            }
            if (last == null || last.endsAt().isAfter(nextWeek) || last.endsAt().isBefore(now)) {
                continue;
            }
            Crowd c = crowd.get(m.id());
            Actor actor = c != null ? c.actor : Actor.learner(m.id().value());
            if (random.nextDouble() < 0.6) {
                platform.clock().advanceTo(last.endsAt().minus(Duration.ofHours(1)));
                buy(c != null ? c : new Crowd(actor, null, now), membership, false, counts);
                counts.renewals++;
            }
        }
    }

    private CourseRef samBecomesCreator(Map<String, Offer> offers) {
        Cast cast = platform.cast();
        CatalogService catalog = platform.learnloop().catalog();
        Course course = catalog.createCourse(cast.sam(), new CourseDetails("SQL for Analysts 数据分析师的 SQL",
                "Joins, window functions and a real reporting project", "SELECT to window functions with sales data.",
                "en", "data-science", List.of("sql", "data", "数据分析"), CourseLevel.BEGINNER, null));
        Chapter chapter = catalog.addChapter(cast.sam(), course.id(), "Chapter 1");
        catalog.addLesson(cast.sam(), course.id(), chapter.id(), new LessonSpec("Why SQL", LessonType.VIDEO,
                Duration.ofMinutes(3), true, "video:sql-welcome"));
        catalog.addLesson(cast.sam(), course.id(), chapter.id(), new LessonSpec("Joins", LessonType.VIDEO,
                Duration.ofMinutes(6), false, "video:sql-joins"));
        catalog.submit(cast.sam(), course.id());
        catalog.approve(cast.reviewer(), course.id());
        Course published = catalog.course(course.id());
        CourseRef ref = new CourseRef(course.id(), published.published().details().title(), "data-science",
                published.published().lessons(), null);
        Offer offer = platform.learnloop().commerce().createOffer(cast.sam(),
                OfferDraft.course(ref.title(), CommerceStage.cny("129.00"), ref.id()));
        offers.put(ref.id().value(), offer);
        return ref;
    }
}
