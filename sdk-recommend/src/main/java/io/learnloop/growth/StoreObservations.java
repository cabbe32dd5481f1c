package io.learnloop.growth;

import io.learnloop.core.reputation.ReputationSource;
import io.learnloop.core.reputation.ReputationEntry;
import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantSource;
import io.learnloop.core.catalog.Author;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseSnapshot;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.AccountKind;
import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.core.ledger.Posting;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.learning.Note;
import io.learnloop.core.learning.NoteVisibility;
import io.learnloop.core.recall.RecallReview;
import io.learnloop.core.money.Money;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the growth model's {@link Observations} from a Learnloop store and the host's own records, one period at a
 * time, for {@link Calibration}. Identity, advertising and (when the community runs elsewhere) community posts belong
 * to the host, so the host hands in its members (with the time they signed up and who referred them), its advert
 * spend, the times community posts were written, and its estimate of the whole market.
 *
 * <p>How the store's facts map onto the model's stocks and flows:
 * <ul>
 *   <li>a <em>paying</em> learner holds a live membership grant, or a live purchase grant that started within the
 *       last {@linkplain Builder#payingWindow(Duration) paying window} (course purchases are one-off, so "paying"
 *       means "a recent customer"; default {@link #DEFAULT_PAYING_WINDOW});</li>
 *   <li>a <em>free</em> learner signed up, never paid, and was active (sign-up, lesson progress or a spaced review
 *       of their recall cards) within the {@linkplain Builder#inactiveAfter(Duration) inactivity limit} (default
 *       {@link #DEFAULT_INACTIVE_AFTER}); past that they count as churned. Spaced review therefore shows as
 *       retention: it lowers the measured free churn;</li>
 *   <li>a paid period that starts within the {@linkplain Builder#renewalGrace(Duration) renewal grace} (default
 *       {@link #DEFAULT_RENEWAL_GRACE}) after the previous one ended continues the same paying stretch; paid churn
 *       and win-backs are dated exactly at the ends and starts of those stretches;</li>
 *   <li>a <em>lapsed</em> learner paid once and is not paying now; a <em>creator</em> is an author of a published
 *       course (and no longer counts as a learner); <em>prospects</em> are the market estimate less every member;</li>
 *   <li>new creators are learners who had paid for a course before they published their first one; a creator's
 *       first course marks them becoming a creator, so the courses <em>published</em> (the model's production) are
 *       those with at least one author who was a creator already;</li>
 *   <li>the <em>community</em> stock is the posts written within the last
 *       {@linkplain Builder#postsLiveFor(Duration) live period} (default {@link #DEFAULT_POSTS_LIVE_FOR}), since
 *       the model's community activity decays; the posts are those the host hands in and the notes members shared
 *       ({@code NoteVisibility.SHARED}, dated when written) and the peer reviews they wrote (their reputation
 *       journal's {@code PEER_REVIEW} awards), so sharing raises the fitted post rate;</li>
 *   <li>sign-ups with a referrer are referral sign-ups, the others paid sign-ups; conversions are first payments;
 *       completions are certificates issued; reviews and community posts are counted when written; revenue is what
 *       each order paid less what was refunded of it, booked in the period it was paid, and creator revenue is what
 *       the ledger credited the creators for those orders.</li>
 * </ul>
 * Members who refused {@link ConsentPurpose#ANALYTICS} are left out (their sign-ups, payments, stocks and revenue
 * alike), as if they had never signed up; they then count among the market's prospects. The facade must have been
 * built with certificates. Stock levels are averaged over daily samples taken at noon
 * UTC. A paying cohort's survivors are those still in the stretch that began with their first payment. Creators
 * leaving and the market's own inflow and exit leave no trace in a store, so those counts are zero and the
 * calibration keeps their priors.
 *
 * <p>Thread-safe: everything is read from the store when the instance is built and kept unchanged;
 * {@link #observe(Instant, Duration, int)} only reads that snapshot and the (thread-safe) ledger service.
 */
public final class StoreObservations {
    /** How long after a course purchase a learner still counts as paying, unless set otherwise. */
    public static final Duration DEFAULT_PAYING_WINDOW = Duration.ofDays(28);
    /** How long a free learner may be inactive before they count as churned, unless set otherwise. */
    public static final Duration DEFAULT_INACTIVE_AFTER = Duration.ofDays(21);
    /**
     * How long a community post counts as live activity, unless set otherwise: 10 days, the mean life of a thread
     * at the default {@link Parameter#COMMUNITY_DECAY_RATE} of 0.1 a day.
     */
    public static final Duration DEFAULT_POSTS_LIVE_FOR = Duration.ofDays(10);
    /** How late a renewal may be paid and still continue the paying stretch, unless set otherwise. */
    public static final Duration DEFAULT_RENEWAL_GRACE = Duration.ofHours(1);

    /**
     * A member of the host's site.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param id       the user
     * @param joinedAt when they signed up
     * @param referrer who referred them, or null if they came through an advert or on their own
     */
    public record Member(UserId id, Instant joinedAt, UserId referrer) {
        /**
         * Validates.
         *
         * @param id       the user
         * @param joinedAt the sign-up time
         * @param referrer the referrer, or null
         */
        public Member {
            new Validator().notNull("id", id).notNull("joinedAt", joinedAt).throwIfInvalid();
        }
    }

    private final Learnloop ll;
    private final Actor analyst;
    private final long market;
    private final long minorUnitsPerMajor;
    private final Duration payingWindow;
    private final Duration inactiveAfter;
    private final Duration postsLiveFor;
    private final Duration renewalGrace;
    private final List<Member> members;
    private final Set<UserId> memberIds = new LinkedHashSet<>();
    private final Map<Instant, Long> advertSpend;
    private final Map<UserId, List<Span>> spans = new HashMap<>();
    private final Map<UserId, Instant> firstPaid = new HashMap<>();
    private final Map<UserId, Instant> becameCreator = new HashMap<>();
    private final Map<UserId, Instant> freeChurnAt = new HashMap<>();
    private final List<Instant> published = new ArrayList<>();
    private final List<Instant> retired = new ArrayList<>();
    private final List<Instant> produced = new ArrayList<>();
    private final List<Instant> reactivated = new ArrayList<>();
    private final List<Instant> lapsedAt = new ArrayList<>();
    private final List<Instant> posts;
    private final Instant readUntil;
    private final List<Instant> reviews = new ArrayList<>();
    private final List<Instant> completions = new ArrayList<>();
    private final List<Order> paidOrders = new ArrayList<>();
    private final double lessonsPerCourse;

    private StoreObservations(Builder b) {
        this.ll = b.learnloop;
        this.analyst = b.analyst;
        this.market = b.market;
        this.minorUnitsPerMajor = b.minorUnitsPerMajor;
        this.payingWindow = b.payingWindow;
        this.inactiveAfter = b.inactiveAfter;
        this.postsLiveFor = b.postsLiveFor;
        this.renewalGrace = b.renewalGrace;
        // a learner who refused analytics is left out of the statistics altogether, as if they had never signed up
        this.members = b.members.stream().filter(m -> ll.consents().allows(m.id(), ConsentPurpose.ANALYTICS))
                .toList();
        this.advertSpend = Map.copyOf(b.advertSpend);
        this.posts = new ArrayList<>(b.posts);
        // nothing stored is later than the facade's clock: the exclusive end of every time-ranged read
        this.readUntil = ll.context().now().plusMillis(1);
        members.forEach(m -> memberIds.add(m.id()));
        this.lessonsPerCourse = readCatalogue();
        for (Member m : members) {
            readMember(m);
        }
    }

    /**
     * Starts reading a store.
     *
     * @param learnloop the facade on the store
     * @param analyst   who reads: every member's orders and the ledger, so someone with {@link Role#FINANCE}
     * @param market    how many people the platform could reach at all (the market estimate), at least the number
     *                  of members
     * @return a builder
     * @throws io.learnloop.core.error.ForbiddenException if the analyst lacks the role
     */
    public static Builder builder(Learnloop learnloop, Actor analyst, long market) {
        new Validator().notNull("learnloop", learnloop).notNull("analyst", analyst).throwIfInvalid();
        analyst.require(Role.FINANCE, "read every member's orders and the revenue ledger");
        return new Builder(learnloop, analyst, market);
    }

    /** Every order of a member, read a page at a time. */
    private List<Order> ordersOf(UserId member) {
        List<Order> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Order> page = ll.commerce().ordersOf(analyst, member, cursor, Page.MAX_LIMIT);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private double readCatalogue() {
        int lessons = 0;
        int counted = 0;
        List<Map.Entry<Instant, List<UserId>>> publications = new ArrayList<>();
        for (Course c : allCourses()) {
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
            publications.add(Map.entry(first, c.authors().stream().map(Author::user).toList()));
        }
        // a creator's first course is how they became a creator (the model's join); production is what existing
        // creators publish
        for (Map.Entry<Instant, List<UserId>> p : publications) {
            if (p.getValue().stream().anyMatch(a -> becameCreator.get(a).isBefore(p.getKey()))) {
                produced.add(p.getKey());
            }
        }
        return counted == 0 ? 1 : (double) lessons / counted;
    }

    private List<Course> allCourses() {
        List<Course> all = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            List<Course> page = ll.catalog().courses(offset, 500);
            all.addAll(page);
            if (page.size() < 500) {
                return all;
            }
        }
    }

    private void readMember(Member m) {
        List<Grant> paid = new ArrayList<>();
        for (Grant g : ll.access().grantsOf(m.id())) {
            if (g.source() == GrantSource.PURCHASE || g.source() == GrantSource.MEMBERSHIP) {
                paid.add(g);
                firstPaid.merge(m.id(), g.startsAt(), (x, y) -> x.isBefore(y) ? x : y);
            }
        }
        spans.put(m.id(), payingSpans(paid));
        readTransitions(m.id());
        for (Order o : ordersOf(m.id())) {
            if (o.paidAt() != null) {
                paidOrders.add(o);
            }
        }
        for (Certificate c : ll.certificates().certificatesOf(m.id())) {
            completions.add(c.validFrom());
        }
        ll.reviews().reviewsBy(m.id()).forEach(r -> reviews.add(r.createdAt()));
        // a shared note is knowledge shared with the community, like a post the host records
        for (Note n : ll.notes().list(m.id())) {
            if (n.visibility() == NoteVisibility.SHARED) {
                posts.add(n.createdAt());
            }
        }
        posts.addAll(peerReviewsWritten(m.id()));
        if (!firstPaid.containsKey(m.id())) {
            TreeSet<LocalDate> active = new TreeSet<>();
            active.add(day(m.joinedAt()));
            for (LessonProgress p : ll.progress().progressOf(m.id())) {
                active.addAll(p.activeDays());
            }
            active.addAll(reviewDays(m));
            Instant churn = active.last().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(inactiveAfter);
            freeChurnAt.put(m.id(), churn);
        }
    }

    /**
     * The days a learner did spaced reviews: a learner who comes back to review what they learned is retained,
     * whether or not they open a lesson that day. Read a page at a time from the learner's reviews since they joined.
     */
    private Set<LocalDate> reviewDays(Member m) {
        Set<LocalDate> days = new HashSet<>();
        if (!m.joinedAt().isBefore(readUntil)) {
            return days;
        }
        String cursor = null;
        do {
            Page<RecallReview> page = ll.recall().reviewsOf(m.id(), m.joinedAt(), readUntil, cursor, Page.MAX_LIMIT);
            page.items().forEach(r -> days.add(day(r.log().reviewedAt())));
            cursor = page.nextCursor();
        } while (cursor != null);
        return days;
    }

    /**
     * The times a learner was paying, from their paid grants, with gaps no longer than the renewal grace closed
     * (a renewal paid a little late is one paying stretch, not churn and a return).
     */
    private List<Span> payingSpans(List<Grant> paid) {
        List<Span> raw = new ArrayList<>();
        for (Grant g : paid) {
            Instant until = g.endsAt();
            if (g.revocation() != null && (until == null || g.revocation().revokedAt().isBefore(until))) {
                until = g.revocation().revokedAt();
            }
            if (g.source() == GrantSource.PURCHASE) {
                Instant window = g.startsAt().plus(payingWindow);
                until = until == null || window.isBefore(until) ? window : until;
            }
            if (until == null || until.isAfter(g.startsAt())) {
                raw.add(new Span(g.startsAt(), until));
            }
        }
        raw.sort((a, b) -> a.from().compareTo(b.from()));
        List<Span> merged = new ArrayList<>();
        for (Span next : raw) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && (last.until() == null || !next.from().isAfter(last.until().plus(renewalGrace)))) {
                Instant until = last.until() == null || next.until() == null ? null
                        : next.until().isAfter(last.until()) ? next.until() : last.until();
                merged.set(merged.size() - 1, new Span(last.from(), until));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    /**
     * Dates every move between paying and lapsed exactly, at the edges of the paying stretches: sampling states
     * once a day would miss a learner who lapses and returns between two samples.
     */
    private void readTransitions(UserId user) {
        for (Span span : spans.getOrDefault(user, List.of())) {
            if (state(user, span.from().minusNanos(1)) == State.LAPSED && state(user, span.from()) == State.PAYING) {
                reactivated.add(span.from());
            }
            if (span.until() != null && state(user, span.until().minusNanos(1)) == State.PAYING
                    && state(user, span.until()) == State.LAPSED) {
                lapsedAt.add(span.until());
            }
        }
    }

    /** A stretch of time a learner was paying, {@code until} exclusive and null while it lasts. */
    private record Span(Instant from, Instant until) {
        boolean covers(Instant t) {
            return !from.isAfter(t) && (until == null || t.isBefore(until));
        }
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * A peer review is knowledge shared with another learner, so each one a member wrote (the reputation journal's
     * {@code PEER_REVIEW} awards) counts as a post. Awards for accepted answers, helpful posts and shared notes
     * reward a contribution already counted (the host's posts, the shared note), so they are not counted again.
     */
    private List<Instant> peerReviewsWritten(UserId learner) {
        List<Instant> written = new ArrayList<>();
        String cursor = null;
        do {
            Page<ReputationEntry> page = ll.reputation().journal(learner, cursor, Page.MAX_LIMIT);
            for (ReputationEntry e : page.items()) {
                if (e.source() == ReputationSource.PEER_REVIEW) {
                    written.add(e.recordedAt());
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return written;
    }

    /**
     * Builds the observations of consecutive periods.
     *
     * @param start   the start of the first period
     * @param period  the length of each period, a whole number of days
     * @param periods how many periods, between 1 and 1,000
     * @return the observations, with a paying cohort for every period in which someone first paid
     * @throws io.learnloop.core.error.ValidationException if an argument is null or out of range, or if no
     *                                                     period holds anyone
     */
    public Observations observe(Instant start, Duration period, int periods) {
        new Validator().notNull("start", start).notNull("period", period)
                .check(period != null && !period.isNegative() && !period.isZero() && period.toHoursPart() == 0
                                && period.toMinutesPart() == 0 && period.toSecondsPart() == 0 && period.toNanosPart() == 0,
                        "period", "must be a positive whole number of days (was " + period + ")")
                .check(periods >= 1 && periods <= 1000, "periods", "must be between 1 and 1000 (was " + periods + ")")
                .throwIfInvalid();
        List<ObservedPeriod> out = new ArrayList<>();
        for (int i = 0; i < periods; i++) {
            out.add(period(start.plus(period.multipliedBy(i)), start.plus(period.multipliedBy(i + 1))));
        }
        return new Observations(period.toHours() / 24.0, lessonsPerCourse, minorUnitsPerMajor, out, cohorts(start, period, periods));
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
        for (Instant t = from.plus(Duration.ofHours(12)); t.isBefore(to); t = t.plus(Duration.ofDays(1))) {
            samples++;
            int known = 0;
            for (Member m : members) {
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
            }
            final Instant at = t;
            creators += becameCreator.entrySet().stream()
                    .filter(e -> !e.getValue().isAfter(at) && !memberIds.contains(e.getKey()))
                    .count();
            prospects += Math.max(0, market - known);
            catalogue += published.stream().filter(p -> !p.isAfter(at)).count()
                    - retired.stream().filter(p -> !p.isAfter(at)).count();
            Instant liveFrom = at.minus(postsLiveFor);
            community += posts.stream().filter(p -> !p.isAfter(at) && p.isAfter(liveFrom)).count();
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
                for (JournalEntry e : ll.ledger().entriesOf(analyst, o.id())) {
                    for (Posting p : e.postings()) {
                        if (p.account().kind() == AccountKind.CREATOR) {
                            creatorRevenue += p.amount().minor();
                        }
                    }
                }
            }
        }
        long spend = advertSpend.entrySet().stream().filter(e -> in(e.getKey(), from, to))
                .mapToLong(Map.Entry::getValue).sum();
        return new ObservedPeriod(prospects / samples, free / samples, paying / samples, lapsed / samples,
                creators / samples, catalogue / samples, community / samples, paidSignups, referralSignups,
                count(reactivated, from, to), conversions, freeChurned, count(lapsedAt, from, to),
                count(completions, from, to),
                count(reviews, from, to), count(posts, from, to), newCreators, 0, count(produced, from, to),
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
                alive.removeIf(u -> !stillInFirstStretch(u, check));
                still.add((long) alive.size());
            }
            out.add(new Cohort(s, started.size(), still));
        }
        return out;
    }

    /**
     * Whether a learner has paid without a break since their first payment: a learner who lapsed and came back
     * counts as churned in their cohort, and their return as a win-back.
     */
    private boolean stillInFirstStretch(UserId user, Instant t) {
        List<Span> stretches = spans.getOrDefault(user, List.of());
        if (stretches.isEmpty() || state(user, t) != State.PAYING) {
            return false;
        }
        return stretches.get(0).covers(t);
    }

    private enum State { NONE, FREE, PAYING, LAPSED, CREATOR }

    private State state(UserId user, Instant t) {
        Instant creator = becameCreator.get(user);
        if (creator != null && !creator.isAfter(t)) {
            return State.CREATOR;
        }
        for (Span span : spans.getOrDefault(user, List.of())) {
            if (span.covers(t)) {
                return State.PAYING;
            }
        }
        Instant first = firstPaid.get(user);
        if (first != null && !first.isAfter(t)) {
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

    /**
     * Collects the host's records.
     *
     * <p>Not thread-safe: fill it from one thread, then call {@link #build()}.
     */
    public static final class Builder {
        private final Learnloop learnloop;
        private final Actor analyst;
        private final long market;
        private final List<Member> members = new ArrayList<>();
        private final Map<Instant, Long> advertSpend = new LinkedHashMap<>();
        private final List<Instant> posts = new ArrayList<>();
        private long minorUnitsPerMajor = 100;
        private Duration payingWindow = DEFAULT_PAYING_WINDOW;
        private Duration inactiveAfter = DEFAULT_INACTIVE_AFTER;
        private Duration postsLiveFor = DEFAULT_POSTS_LIVE_FOR;
        private Duration renewalGrace = DEFAULT_RENEWAL_GRACE;
        private String currency;

        private Builder(Learnloop learnloop, Actor analyst, long market) {
            this.learnloop = learnloop;
            this.analyst = analyst;
            this.market = market;
        }

        /**
         * Adds the host's members (everyone who signed up, learners and creators alike).
         *
         * @param add the members
         * @return this builder
         */
        public Builder members(Collection<Member> add) {
            new Validator().notNull("members", add).throwIfInvalid();
            add.forEach(m -> new Validator().notNull("members[]", m).throwIfInvalid());
            members.addAll(add);
            return this;
        }

        /**
         * Adds what the host spent on adverts, by the instant it was spent (all in one currency).
         *
         * @param spend the spend
         * @return this builder
         * @throws io.learnloop.core.error.ValidationException if an amount is negative or in another currency
         */
        public Builder advertSpend(Map<Instant, Money> spend) {
            new Validator().notNull("advertSpend", spend).throwIfInvalid();
            for (Map.Entry<Instant, Money> e : spend.entrySet()) {
                Money m = e.getValue();
                new Validator().notNull("advertSpend.instant", e.getKey()).notNull("advertSpend.amount", m)
                        .throwIfInvalid();
                String code = m.currency().getCurrencyCode();
                new Validator().check(!m.isNegative(), "advertSpend.amount", "must not be negative (was " + m + ")")
                        .check(currency == null || currency.equals(code), "advertSpend.amount",
                                "must all be in " + currency + " (was " + code + ")")
                        .throwIfInvalid();
                currency = code;
                advertSpend.merge(e.getKey(), m.minor(), Long::sum);
            }
            return this;
        }

        /**
         * Adds the times community posts were written (for example from the embedded community's latest posts).
         *
         * @param writtenAt the times
         * @return this builder
         */
        public Builder communityPosts(Collection<Instant> writtenAt) {
            new Validator().notNull("communityPosts", writtenAt).throwIfInvalid();
            writtenAt.forEach(t -> new Validator().notNull("communityPosts[]", t).throwIfInvalid());
            posts.addAll(writtenAt);
            return this;
        }

        /**
         * Sets the minor units in one major unit of the store's currency (default 100).
         *
         * @param minorUnits the minor units, at least 1
         * @return this builder
         */
        public Builder minorUnitsPerMajor(long minorUnits) {
            new Validator().check(minorUnits >= 1, "minorUnitsPerMajor", "must be at least 1 (was " + minorUnits + ")")
                    .throwIfInvalid();
            this.minorUnitsPerMajor = minorUnits;
            return this;
        }

        /**
         * Sets how long after a course purchase a learner still counts as paying.
         *
         * @param window the window, positive
         * @return this builder
         */
        public Builder payingWindow(Duration window) {
            this.payingWindow = positive("payingWindow", window);
            return this;
        }

        /**
         * Sets how long a free learner may be inactive before counting as churned.
         *
         * @param limit the limit, positive
         * @return this builder
         */
        public Builder inactiveAfter(Duration limit) {
            this.inactiveAfter = positive("inactiveAfter", limit);
            return this;
        }

        /**
         * Sets how long a community post counts as live activity (the model's community stock), about
         * {@code 1 / communityDecayRate} days.
         *
         * @param life the time, positive
         * @return this builder
         */
        public Builder postsLiveFor(Duration life) {
            this.postsLiveFor = positive("postsLiveFor", life);
            return this;
        }

        /**
         * Sets how long after one paid period ends the next may start and still count as one paying stretch, so a
         * renewal paid a little late (a card retried the next morning) is not read as churn followed by a return.
         * Returns within the grace are not counted as win-backs, so keep it well under {@code 1 / winbackRate}.
         *
         * @param grace the grace, zero or more
         * @return this builder
         */
        public Builder renewalGrace(Duration grace) {
            new Validator().notNull("renewalGrace", grace)
                    .check(grace == null || !grace.isNegative(), "renewalGrace", "must not be negative (was " + grace + ")")
                    .throwIfInvalid();
            this.renewalGrace = grace;
            return this;
        }

        private static Duration positive(String field, Duration d) {
            new Validator().notNull(field, d)
                    .check(d == null || (!d.isNegative() && !d.isZero()), field, "must be positive (was " + d + ")")
                    .throwIfInvalid();
            return d;
        }

        /**
         * Reads the store.
         *
         * @return the observations reader
         * @throws io.learnloop.core.error.ValidationException if the facade is null, a member is listed twice or
         *                                                     the market is smaller than the members
         * @throws io.learnloop.core.error.LearnloopException  with {@code CONFIGURATION} if the facade was built
         *                                                     without certificates (completions are read as the
         *                                                     certificates issued)
         */
        public StoreObservations build() {
            Set<UserId> seen = new HashSet<>();
            UserId twice = members.stream().map(Member::id).filter(id -> !seen.add(id)).findFirst().orElse(null);
            new Validator().notNull("learnloop", learnloop)
                    .check(twice == null, "members", "must list each member once (" + twice + " is listed twice)")
                    .check(market >= members.size(), "market",
                            "must be at least the number of members, " + members.size() + " (was " + market + ")")
                    .throwIfInvalid();
            return new StoreObservations(this);
        }
    }
}
