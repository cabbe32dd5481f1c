package io.learnloop.examples.quickstart;

import io.learnloop.community.Post;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantSource;
import io.learnloop.core.catalog.Author;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseSnapshot;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.AccountKind;
import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.core.ledger.Posting;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.money.Money;
import io.learnloop.growth.Cohort;
import io.learnloop.growth.Observations;
import io.learnloop.growth.ObservedPeriod;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the growth model's {@link Observations} from the Learnloop store and the host's own records (its member
 * directory and its advert spend), one period at a time.
 *
 * <p>How the store's facts map onto the model's stocks and flows:
 * <ul>
 *   <li>a <em>paying</em> learner holds a live membership, or bought a course within the last
 *       {@link #PAYING_WINDOW} (course purchases are one-off, so "paying" means "a recent customer");</li>
 *   <li>a <em>free</em> learner signed up, never paid, and was active (watched, read, posted) within the last
 *       {@link #INACTIVE_AFTER}; past that they count as churned;</li>
 *   <li>a <em>lapsed</em> learner paid once and is not paying now; a <em>creator</em> is an author of a published
 *       course (and no longer counts as a learner); <em>prospects</em> are the market estimate less every member;</li>
 *   <li>new creators are learners who had paid for a course before they published their first one;</li>
 *   <li>conversions are first payments; completions are certificates issued; reviews and community posts are
 *       counted when written; revenue is what each order paid less what was refunded of it, booked in the week it was
 *       paid, and creator revenue is what the ledger credited the creators for those orders.</li>
 * </ul>
 *
 * <p>Not thread-safe; build one per read.
 */
public final class StoreObservations {
    /** How long after a course purchase a learner still counts as paying. */
    public static final Duration PAYING_WINDOW = Duration.ofDays(28);
    /** How long a free learner may be inactive before they count as churned. */
    public static final Duration INACTIVE_AFTER = Duration.ofDays(21);

    private final DemoPlatform platform;
    private final Learnloop ll;
    private final long market;
    private final List<DemoPlatform.Member> members;
    private final Map<UserId, List<Grant>> grants = new HashMap<>();
    private final Map<UserId, Instant> firstPaid = new HashMap<>();
    private final Map<UserId, Instant> becameCreator = new HashMap<>();
    private final Map<UserId, Instant> freeChurnAt = new HashMap<>();
    private final List<Instant> published = new ArrayList<>();
    private final List<Instant> retired = new ArrayList<>();
    private final List<Instant> posts = new ArrayList<>();
    private final List<Instant> reviews = new ArrayList<>();
    private final List<Instant> completions = new ArrayList<>();
    private final List<Order> paidOrders = new ArrayList<>();
    private double lessonsPerCourse;

    /**
     * Reads the store.
     *
     * @param platform the platform
     * @param market   how many people the platform could reach at all (the market estimate)
     */
    public StoreObservations(DemoPlatform platform, long market) {
        this.platform = platform;
        this.ll = platform.learnloop();
        this.market = market;
        this.members = platform.members();
        readCatalogue();
        for (DemoPlatform.Member m : members) {
            readMember(m);
        }
        Actor moderator = platform.cast().reviewer();
        platform.community().latestPosts(moderator).streamAll().map(Post::createdAt).forEach(posts::add);
    }

    private void readCatalogue() {
        List<Course> courses = ll.catalog().courses(0, 10_000);
        int lessons = 0;
        int counted = 0;
        for (Course c : courses) {
            if (c.published() == null) {
                continue;
            }
            List<CourseSnapshot> history = ll.catalog().history(c.id());
            Instant first = history.get(0).publishedAt();
            published.add(first);
            if (c.status() == CourseStatus.ARCHIVED) {
                retired.add(c.updatedAt());
            }
            lessons += c.published().lessons().size();
            counted++;
            for (Author a : c.authors()) {
                becameCreator.merge(a.user(), first, (x, y) -> x.isBefore(y) ? x : y);
            }
            for (DemoPlatform.Member m : members) {
                ll.reviews().reviewOf(m.id(), c.id()).ifPresent(r -> reviews.add(r.createdAt()));
            }
        }
        lessonsPerCourse = counted == 0 ? 1 : (double) lessons / counted;
    }

    private void readMember(DemoPlatform.Member m) {
        List<Grant> paid = new ArrayList<>();
        for (Grant g : ll.access().grantsOf(m.id())) {
            if (g.source() == GrantSource.PURCHASE || g.source() == GrantSource.MEMBERSHIP) {
                paid.add(g);
                firstPaid.merge(m.id(), g.startsAt(), (x, y) -> x.isBefore(y) ? x : y);
            }
        }
        grants.put(m.id(), paid);
        for (Order o : ll.commerce().ordersOf(m.id())) {
            if (o.paidAt() != null) {
                paidOrders.add(o);
            }
        }
        for (Certificate c : ll.certificates().certificatesOf(m.id())) {
            completions.add(c.validFrom());
        }
        if (!firstPaid.containsKey(m.id())) {
            TreeSet<LocalDate> active = new TreeSet<>();
            active.add(day(m.joinedAt()));
            for (LessonProgress p : ll.progress().progressOf(m.id())) {
                active.addAll(p.activeDays());
            }
            Instant churn = active.last().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(INACTIVE_AFTER);
            freeChurnAt.put(m.id(), churn);
        }
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Builds the observations.
     *
     * @param start   the start of the first period
     * @param period  the length of each period
     * @param periods how many periods
     * @return the observations
     */
    public Observations observe(Instant start, Duration period, int periods) {
        List<ObservedPeriod> out = new ArrayList<>();
        for (int i = 0; i < periods; i++) {
            out.add(period(start.plus(period.multipliedBy(i)), start.plus(period.multipliedBy(i + 1))));
        }
        return new Observations(period.toHours() / 24.0, lessonsPerCourse, 100, out, cohorts(start, period, periods));
    }

    private ObservedPeriod period(Instant from, Instant to) {
        double prospects = 0;
        double free = 0;
        double paying = 0;
        double lapsed = 0;
        double creators = 0;
        double catalogue = 0;
        double community = 0;
        int samples = 0;
        long paidChurned = 0;
        long reactivations = 0;
        for (Instant t = from.plus(Duration.ofHours(12)); t.isBefore(to); t = t.plus(Duration.ofDays(1))) {
            samples++;
            int known = 0;
            for (DemoPlatform.Member m : members) {
                if (m.joinedAt().isAfter(t)) {
                    continue;
                }
                known++;
                switch (state(m.id(), t)) {
                    case FREE -> free++;
                    case PAYING -> paying++;
                    case LAPSED -> lapsed++;
                    case CREATOR -> creators++;
                    default -> { }
                }
                State before = state(m.id(), t.minus(Duration.ofDays(1)));
                State now = state(m.id(), t);
                if (before == State.PAYING && now == State.LAPSED) {
                    paidChurned++;
                } else if (before == State.LAPSED && now == State.PAYING) {
                    reactivations++;
                }
            }
            final Instant at = t;
            creators += becameCreator.entrySet().stream()
                    .filter(e -> !e.getValue().isAfter(at) && members.stream().noneMatch(m -> m.id().equals(e.getKey())))
                    .count();
            prospects += Math.max(0, market - known);
            catalogue += published.stream().filter(p -> !p.isAfter(at)).count()
                    - retired.stream().filter(p -> !p.isAfter(at)).count();
            community += posts.stream().filter(p -> !p.isAfter(at)).count();
        }
        long paidSignups = members.stream().filter(m -> in(m.joinedAt(), from, to) && m.referrer() == null).count();
        long referralSignups = members.stream().filter(m -> in(m.joinedAt(), from, to) && m.referrer() != null).count();
        long conversions = firstPaid.values().stream().filter(t -> in(t, from, to)).count();
        long freeChurned = freeChurnAt.values().stream().filter(t -> in(t, from, to)).count();
        long newCreators = becameCreator.entrySet().stream()
                .filter(e -> in(e.getValue(), from, to) && firstPaid.containsKey(e.getKey())
                        && firstPaid.get(e.getKey()).isBefore(e.getValue()))
                .count();
        long revenue = 0;
        long creatorRevenue = 0;
        for (Order o : paidOrders) {
            if (in(o.paidAt(), from, to)) {
                revenue += o.total().minor() - o.refunded().minor();
                for (JournalEntry e : ll.ledger().entriesOf(o.id())) {
                    for (Posting p : e.postings()) {
                        if (p.account().kind() == AccountKind.CREATOR) {
                            creatorRevenue += p.amount().minor();
                        }
                    }
                }
            }
        }
        long spend = platform.advertSpend().entrySet().stream().filter(e -> in(e.getKey(), from, to))
                .map(Map.Entry::getValue).mapToLong(Money::minor).sum();
        return new ObservedPeriod(prospects / samples, free / samples, paying / samples, lapsed / samples,
                creators / samples, catalogue / samples, community / samples, paidSignups, referralSignups,
                reactivations, conversions, freeChurned, paidChurned, count(completions, from, to),
                count(reviews, from, to), count(posts, from, to), newCreators, 0, count(published, from, to),
                count(retired, from, to), revenue, Math.max(0, creatorRevenue), spend);
    }

    private List<Cohort> cohorts(Instant start, Duration period, int periods) {
        List<Cohort> out = new ArrayList<>();
        for (int s = 0; s < periods; s++) {
            Instant from = start.plus(period.multipliedBy(s));
            Instant to = from.plus(period);
            List<UserId> started = new ArrayList<>();
            firstPaid.forEach((user, t) -> {
                if (in(t, from, to)) {
                    started.add(user);
                }
            });
            if (started.isEmpty()) {
                continue;
            }
            List<Long> still = new ArrayList<>();
            List<UserId> alive = new ArrayList<>(started);
            for (int m = 0; s + m + 1 < periods; m++) {
                Instant check = to.plus(period.multipliedBy(m + 1)).minusSeconds(1);
                alive.removeIf(u -> state(u, check) != State.PAYING);
                still.add((long) alive.size());
            }
            out.add(new Cohort(s, started.size(), still));
        }
        return out;
    }

    private enum State { NONE, FREE, PAYING, LAPSED, CREATOR }

    private State state(UserId user, Instant t) {
        Instant creator = becameCreator.get(user);
        if (creator != null && !creator.isAfter(t)) {
            return State.CREATOR;
        }
        boolean everPaid = false;
        for (Grant g : grants.getOrDefault(user, List.of())) {
            if (g.startsAt().isAfter(t)) {
                continue;
            }
            everPaid = true;
            boolean live = g.isActiveAt(t);
            if (live && (g.source() == GrantSource.MEMBERSHIP || g.startsAt().isAfter(t.minus(PAYING_WINDOW)))) {
                return State.PAYING;
            }
        }
        if (everPaid) {
            return State.LAPSED;
        }
        Instant churn = freeChurnAt.get(user);
        return churn != null && !churn.isAfter(t) ? State.NONE : State.FREE;
    }

    private static boolean in(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    private static long count(List<Instant> times, Instant from, Instant to) {
        return times.stream().filter(t -> in(t, from, to)).count();
    }
}
