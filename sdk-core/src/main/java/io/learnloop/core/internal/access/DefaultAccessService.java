package io.learnloop.core.internal.access;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;
import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.access.AccessReason;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantId;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.access.GrantSource;
import io.learnloop.core.access.Revocation;
import io.learnloop.core.access.RevocationReason;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.internal.privacy.AuditTrail;
import io.learnloop.core.privacy.AuditAction;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.catalog.CatalogTypes;
import io.learnloop.core.internal.jobs.Jobs;
import io.learnloop.core.internal.store.IndexedValues;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The entitlement ledger on the core store, and access decisions read from it and the catalogue.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultAccessService implements AccessService {
    /** Derivations the in-memory store may remember with its index entries (constants: recognised by identity). */
    private static final BiFunction<String, List<Course>, LessonTarget> LESSON = LessonTarget::of;
    private static final BiFunction<String, List<Grant>, LearnerGrants> GRANTS = LearnerGrants::of;

    /** The queue of jobs that announce the end of time-limited grants. */
    public static final String EXPIRY_QUEUE = "access.expiry";

    private final ServiceContext ctx;

    /**
     * Creates the service.
     *
     * @param ctx the facade's context
     */
    public DefaultAccessService(ServiceContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Grant grant(Actor actor, GrantRequest request) {
        new Validator().notNull("actor", actor).notNull("request", request).throwIfInvalid();
        if (!actor.has(Role.ADMIN)) {
            if (request.source() != GrantSource.FREE) {
                throw new ForbiddenException("User '" + actor.id() + "' may not record a " + request.source()
                        + " grant: only an admin (role ADMIN) may; purchases and membership periods are granted when their payment"
                        + " settles.");
            }
            if (!request.categories().isEmpty()) {
                throw new ForbiddenException("User '" + actor.id() + "' may not grant whole categories: only an"
                        + " admin may.");
            }
        }
        Recorded r = ctx.transactRetrying(uow -> {
            if (!actor.has(Role.ADMIN)) {
                requireAuthor(uow, actor, request);
            }
            Recorded recorded = record(uow, request, actor.id());
            if (recorded.created()) {
                AuditTrail.append(ctx, uow, actor.id(), AuditAction.GRANTED, request.learner(),
                        "grant " + recorded.grant().id(), request.reference());
            }
            return recorded;
        });
        return r.created() ? r.grant() : sameSource(r.grant(), request);
    }

    /**
     * Records a grant inside the caller's unit of work: the settlement of a payment grants every line this way, in
     * the transaction that marks the order paid.
     *
     * @param uow     the unit of work
     * @param request the grant
     * @param by      who granted it, or null for the payment itself
     * @return the grant recorded now, or the one recorded before for the same source
     * @throws io.learnloop.core.error.NotFoundException if a listed course does not exist
     * @throws ConflictException                          if the source was granted for something else
     */
    public Grant grantWithin(UnitOfWork uow, GrantRequest request, UserId by) {
        Recorded r = record(uow, request, by);
        return r.created() ? r.grant() : sameSource(r.grant(), request);
    }

    private Recorded record(UnitOfWork uow, GrantRequest request, UserId by) {
        return request.period() != null ? recordPlaced(uow, request, by) : recordSource(uow, request, by);
    }

    /** A creator may give free access to courses they author, and to nothing else. */
    private static void requireAuthor(UnitOfWork uow, Actor actor, GrantRequest request) {
        for (CourseId course : request.courses()) {
            Course c = uow.find(CatalogTypes.COURSE, course.value())
                    .orElseThrow(() -> new NotFoundException("course", course.value())).value();
            if (!c.isAuthor(actor.id())) {
                throw new ForbiddenException("User '" + actor.id() + "' may not grant free access to course '"
                        + course + "': only its authors or an admin may.");
            }
        }
    }

    /** A grant written by this call, or one found already recorded for the request's source. */
    private record Recorded(Grant grant, boolean created) {
    }

    /** A request with its dates: one grant per source key. */
    private Recorded recordSource(UnitOfWork uow, GrantRequest request, UserId by) {
        Optional<Versioned<Grant>> existing = uow.findUnique(AccessTypes.GRANT, AccessTypes.SOURCE,
                request.sourceKey());
        if (existing.isPresent()) {
            return new Recorded(existing.get().value(), false);
        }
        PlanTimeline timeline = request.source() == GrantSource.MEMBERSHIP
                ? PlanTimeline.read(uow, request.learner(), request.plan()) : null;
        if (timeline != null && request.order() != null) {
            // one grant per paying order line, whatever dates this request names: the line may have been placed by
            // the ledger (paidPeriod) or granted with other dates; the head read above catches a concurrent copy
            Optional<Grant> line = linePeriod(uow, request);
            if (line.isPresent()) {
                return new Recorded(line.get(), false);
            }
        }
        requireCourses(uow, request);
        return new Recorded(insert(uow, request, by, timeline), true);
    }

    /** The membership period already granted for the request's order line, revoked or not. */
    private static Optional<Grant> linePeriod(UnitOfWork uow, GrantRequest request) {
        for (Versioned<Grant> v : uow.findBy(AccessTypes.GRANT, AccessTypes.BY_ORDER, request.order().value())) {
            Grant g = v.value();
            if (g.source() == GrantSource.MEMBERSHIP && request.orderLine().equals(g.orderLine())) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /**
     * A paid period the ledger places: one grant per paying order line, starting where the learner's latest live
     * period of the plan ends as read in this transaction, which the head's compare-and-set keeps true at commit.
     */
    private Recorded recordPlaced(UnitOfWork uow, GrantRequest request, UserId by) {
        // The head before the line: a copy of this line granted after the head was read fails this transaction's
        // compare-and-set, and one granted before is seen below. The other way round, a replay could miss the copy
        // and place the line a second time, after it.
        PlanTimeline timeline = PlanTimeline.read(uow, request.learner(), request.plan());
        Optional<Grant> line = linePeriod(uow, request);
        if (line.isPresent()) {
            // a replay of the line, now or much later: it keeps the dates it was placed at
            return new Recorded(line.get(), false);
        }
        requireCourses(uow, request);
        Instant start = timeline.nextStart(request.startsAt());
        GrantRequest placed = new GrantRequest(request.learner(), request.source(), request.order(),
                request.orderLine(), request.plan(), null, request.courses(), request.categories(), start, null,
                request.period());
        return new Recorded(insert(uow, placed, by, timeline), true);
    }

    private void requireCourses(UnitOfWork uow, GrantRequest request) {
        for (CourseId course : request.courses()) {
            if (uow.find(CatalogTypes.COURSE, course.value()).isEmpty()) {
                throw new NotFoundException("course", course.value());
            }
        }
    }

    private Grant insert(UnitOfWork uow, GrantRequest request, UserId by, PlanTimeline timeline) {
        Grant grant = Grant.of(GrantId.of(ctx.newId()), request, ctx.now(), by);
        uow.insert(AccessTypes.GRANT, grant);
        if (grant.endsAt() != null) {
            // committed with the grant, so no time-limited grant can end without its expiry being announced
            Jobs.schedule(uow, EXPIRY_QUEUE, grant.id().value(), grant.endsAt(), grant.id().value());
        }
        if (timeline != null) {
            // after the grant, here and in revocations: a store that makes a commit visible one record at a time (the
            // in-memory one) then never shows a head without the periods it summarises
            timeline.granted(grant);
            timeline.save(grant.grantedAt());
        }
        publish(uow, EventTypes.ACCESS_GRANTED, grant, Map.of());
        return grant;
    }

    /** The grant already recorded for a source, if the request asks for the same thing. */
    private static Grant sameSource(Grant existing, GrantRequest request) {
        boolean same = existing.learner().equals(request.learner())
                && Objects.equals(existing.plan(), request.plan())
                && new HashSet<>(existing.courses()).equals(new HashSet<>(request.courses()))
                && new HashSet<>(existing.categories()).equals(new HashSet<>(request.categories()));
        if (!same) {
            throw new ConflictException(ErrorCode.DUPLICATE_KEY, "The source '" + request.sourceKey()
                    + "' was already granted as grant '" + existing.id() + "' to learner '" + existing.learner()
                    + "' for courses " + existing.courses()
                    + (existing.plan() == null ? "" : " of plan '" + existing.plan() + "'")
                    + "; one source grants once.");
        }
        return existing;
    }

    /**
     * Revokes the grants of a refunded order line inside the caller's unit of work: its purchase grant, or the
     * membership period it paid for. Grants already revoked stay as they are.
     *
     * @param uow       the unit of work
     * @param order     the order
     * @param line      the refunded line's id
     * @param reference the refund's reference
     * @return the line's grants after the call (possibly none)
     */
    public List<Grant> revokeLineWithin(UnitOfWork uow, OrderId order, String line, String reference) {
        new Validator().notNull("order", order).notBlank("orderLine", line, 128)
                .notBlank("reference", reference, GrantRequest.MAX_REFERENCE).throwIfInvalid();
        return revokeAll(uow, order, line, new Revocation(RevocationReason.REFUND, reference, ctx.now(), null));
    }

    @Override
    public List<Grant> revokeChargeback(Actor actor, OrderId order, String reference) {
        new Validator().notNull("actor", actor).notNull("order", order)
                .notBlank("reference", reference, GrantRequest.MAX_REFERENCE).throwIfInvalid();
        actor.require(Role.FINANCE, "revoke the access of a charged-back order");
        return ctx.transactRetrying(uow -> {
            List<Grant> revoked = revokeAll(uow, order, null,
                    new Revocation(RevocationReason.CHARGEBACK, reference, ctx.now(), actor.id()));
            if (!revoked.isEmpty()) {
                AuditTrail.appendOnce(ctx, uow, order + "\n" + reference, actor.id(), AuditAction.REVOKED,
                        revoked.get(0).learner(), "order " + order, "charge-back " + reference);
            }
            return revoked;
        });
    }

    private List<Grant> revokeAll(UnitOfWork uow, OrderId order, String line, Revocation revocation) {
        List<Grant> result = new ArrayList<>();
        List<Grant> revokedPeriods = new ArrayList<>();
        for (Versioned<Grant> v : uow.findBy(AccessTypes.GRANT, AccessTypes.BY_ORDER, order.value())) {
            Grant g = v.value();
            if (line != null && !line.equals(g.orderLine())) {
                continue;
            }
            if (g.revocation() != null) {
                result.add(g);
                continue;
            }
            Grant revoked = revokeOne(uow, v, revocation);
            result.add(revoked);
            if (revoked.source() == GrantSource.MEMBERSHIP && revoked.plan() != null) {
                revokedPeriods.add(revoked);
            }
        }
        // heads in id order, so two chargebacks touching the same plans never wait for each other in a cycle
        revokedPeriods.sort(Comparator.comparing(g -> MembershipTimeline.idOf(g.learner(), g.plan())));
        Map<String, PlanTimeline> timelines = new LinkedHashMap<>();
        for (Grant g : revokedPeriods) {
            timelines.computeIfAbsent(MembershipTimeline.idOf(g.learner(), g.plan()),
                    id -> PlanTimeline.read(uow, g.learner(), g.plan())).revoked(g);
        }
        timelines.values().forEach(t -> t.save(revocation.revokedAt()));
        return result;
    }

    @Override
    public Grant revoke(Actor admin, GrantId grant, String reason) {
        new Validator().notNull("actor", admin).notNull("grant", grant)
                .notBlank("reason", reason, GrantRequest.MAX_REFERENCE).throwIfInvalid();
        admin.require(Role.ADMIN, "revoke access");
        return ctx.transactRetrying(uow -> {
            Versioned<Grant> v = uow.get(AccessTypes.GRANT, grant.value());
            if (v.value().revocation() != null) {
                return v.value();
            }
            Revocation revocation = new Revocation(RevocationReason.MANUAL, reason, ctx.now(), admin.id());
            Grant revoked = revokeOne(uow, v, revocation);
            if (revoked.source() == GrantSource.MEMBERSHIP && revoked.plan() != null) {
                PlanTimeline timeline = PlanTimeline.read(uow, revoked.learner(), revoked.plan());
                timeline.revoked(revoked);
                timeline.save(revocation.revokedAt());
            }
            return revoked;
        });
    }

    /**
     * Revokes one grant inside the caller's unit of work, for the SDK itself (a subscription cancelled while a trial
     * or grace period it gave runs). A grant already revoked is returned as it is.
     *
     * @param uow       the unit of work
     * @param grant     the grant
     * @param reference why, for the revocation's record
     * @param by        the SDK's own id for the act, for the record
     * @return the grant after the call
     */
    public Grant revokeWithin(UnitOfWork uow, GrantId grant, String reference, UserId by) {
        Versioned<Grant> v = uow.get(AccessTypes.GRANT, grant.value());
        if (v.value().revocation() != null) {
            return v.value();
        }
        Revocation revocation = new Revocation(RevocationReason.MANUAL, reference, ctx.now(), by);
        Grant revoked = revokeOne(uow, v, revocation);
        if (revoked.source() == GrantSource.MEMBERSHIP && revoked.plan() != null) {
            PlanTimeline timeline = PlanTimeline.read(uow, revoked.learner(), revoked.plan());
            timeline.revoked(revoked);
            timeline.save(revocation.revokedAt());
        }
        return revoked;
    }

    private Grant revokeOne(UnitOfWork uow, Versioned<Grant> v, Revocation revocation) {
        Grant revoked = v.value().revoked(revocation);
        uow.update(AccessTypes.GRANT, revoked, v.version());
        publish(uow, EventTypes.ACCESS_REVOKED, revoked,
                Map.of("reason", revocation.reason().name(), "reference", revocation.reference()));
        return revoked;
    }

    /**
     * Announces that a time-limited grant ended ({@code access.expired}, one event per covered course or category),
     * inside the caller's unit of work; a grant revoked before its end, or not ended yet, announces nothing.
     *
     * @param uow   the unit of work
     * @param grant the grant's id
     * @return true if the end was announced
     */
    public boolean expireWithin(UnitOfWork uow, String grant) {
        Grant g = uow.find(AccessTypes.GRANT, grant).map(Versioned::value).orElse(null);
        if (g == null || g.revocation() != null || g.endsAt() == null || g.endsAt().isAfter(ctx.now())) {
            return false;
        }
        publish(uow, EventTypes.ACCESS_EXPIRED, g, Map.of("endedAt", g.endsAt().toString()));
        return true;
    }

    @Override
    public Page<Grant> learnersOf(Actor viewer, CourseId course, String cursor, int limit) {
        new Validator().notNull("viewer", viewer).notNull("course", course).throwIfInvalid();
        return ctx.read(uow -> {
            if (!viewer.has(Role.ADMIN)) {
                Course c = uow.find(CatalogTypes.COURSE, course.value())
                        .orElseThrow(() -> new NotFoundException("course", course.value())).value();
                if (!c.isAuthor(viewer.id())) {
                    throw new ForbiddenException("User '" + viewer.id() + "' may not list the learners of course '"
                            + course + "': only its authors or an admin may.");
                }
            }
            return Pages.page(uow, AccessTypes.GRANT, AccessTypes.BY_COURSE, course.value(), IndexRange.last(limit),
                    cursor, g -> g);
        });
    }

    @Override
    public Grant grantById(GrantId grant) {
        required("grant", grant);
        return ctx.read(uow -> uow.get(AccessTypes.GRANT, grant.value()).value());
    }

    @Override
    public List<Grant> grantsOf(UserId learner) {
        required("learner", learner);
        return ctx.read(uow -> uow.findBy(AccessTypes.GRANT, AccessTypes.BY_LEARNER, learner.value()).stream()
                .map(Versioned::value).sorted(Comparator.comparing(Grant::grantedAt)).toList());
    }

    @Override
    public AccessDecision decide(UserId learner, LessonId lesson, Instant at) {
        requireQuery(learner, "lesson", lesson, at);
        return ctx.read(uow -> {
            LessonTarget target = derive(uow, CatalogTypes.COURSE, CatalogTypes.BY_LESSON, lesson.value(), LESSON);
            if (target.course() == null) {
                throw new NotFoundException("lesson", lesson.value());
            }
            if (target.published()) {
                return evaluate(uow, learner, target.course(), target.id(), target.hash(), target.status(), lesson,
                        target.preview(), at);
            }
            // Only drafts hold the lesson: nobody may open it yet.
            return AccessDecision.of(AccessReason.COURSE_UNPUBLISHED, target.course().id(), lesson, null, null);
        });
    }

    @Override
    public AccessDecision decideCourse(UserId learner, CourseId course, Instant at) {
        requireQuery(learner, "course", course, at);
        return ctx.read(uow -> {
            Course c = uow.find(CatalogTypes.COURSE, course.value())
                    .orElseThrow(() -> new NotFoundException("course", course.value())).value();
            if (c.published() == null) {
                return AccessDecision.of(AccessReason.COURSE_UNPUBLISHED, course, null, null, null);
            }
            return evaluate(uow, learner, c, c.id(), c.id().value().hashCode(), c.status(), null, false, at);
        });
    }

    @Override
    public boolean hasAccess(UserId learner, CourseId course, Instant at) {
        return decideCourse(learner, course, at).allowed();
    }

    @Override
    public List<CourseId> entitledCourses(UserId learner, Instant at) {
        new Validator().notNull("learner", learner).notNull("at", at).throwIfInvalid();
        return ctx.read(uow -> {
            TreeSet<CourseId> ids = new TreeSet<>(Comparator.comparing(CourseId::value));
            for (Versioned<Grant> v : uow.findBy(AccessTypes.GRANT, AccessTypes.BY_LEARNER, learner.value())) {
                Grant g = v.value();
                if (!g.isActiveAt(at)) {
                    continue;
                }
                for (CourseId id : g.courses()) {
                    uow.find(CatalogTypes.COURSE, id.value())
                            .filter(c -> c.value().published() != null)
                            .ifPresent(c -> ids.add(id));
                }
                for (String category : g.categories()) {
                    for (Versioned<Course> c : uow.findBy(CatalogTypes.COURSE, CatalogTypes.BY_CATEGORY, category)) {
                        ids.add(c.value().id());
                    }
                }
            }
            return List.copyOf(ids);
        });
    }

    /**
     * Decides from the learner's grants for a course that has a published version: the best active grant wins
     * (purchase, then membership, then other grants); else a free preview; else why not.
     */
    private static AccessDecision evaluate(UnitOfWork uow, UserId learner, Course course, CourseId id, int hash,
                                           CourseStatus status, LessonId lesson, boolean preview, Instant at) {
        String category = null;
        Grant best = null;
        Grant revoked = null;
        Grant expired = null;
        LearnerGrants grants = derive(uow, AccessTypes.GRANT, AccessTypes.BY_LEARNER, learner.value(), GRANTS);
        if (grants.anyCategories()) {
            // Read only when a grant covers categories: most grants name courses, and this is the hot path.
            category = course.published().details().category();
        }
        for (int i = 0, n = grants.size(); i < n; i++) {
            Grant g = grants.grant(i);
            if (!grants.names(i, id, hash) && (category == null || !g.covers(id, category))) {
                continue;
            }
            if (g.isActiveAt(at)) {
                if (best == null || better(g, best)) {
                    best = g;
                }
            } else if (g.isRevokedAt(at)) {
                revoked = g;
            } else if (g.isExpiredAt(at)) {
                expired = g;
            }
        }
        if (best != null) {
            return AccessDecision.of(AccessReason.of(best.source()), id, lesson, best.id(), best.endsAt());
        }
        if (preview && status.isLive()) {
            return AccessDecision.of(AccessReason.FREE_PREVIEW, id, lesson, null, null);
        }
        if (revoked != null) {
            return AccessDecision.of(AccessReason.REVOKED, id, lesson, revoked.id(), null);
        }
        if (expired != null) {
            return AccessDecision.of(AccessReason.EXPIRED, id, lesson, expired.id(), null);
        }
        AccessReason reason = status == CourseStatus.ARCHIVED
                ? AccessReason.COURSE_UNPUBLISHED : AccessReason.NOT_ENTITLED;
        return AccessDecision.of(reason, id, lesson, null, null);
    }

    /**
     * The values under an index key. On the in-memory store this reads its committed index directly (no version
     * wrappers, no copy): a decision is two index reads, and it is the hottest read of the SDK.
     */
    private static <T, R> R derive(UnitOfWork uow, AggregateType<T> type, String index, String key,
                                   BiFunction<String, List<T>, R> derivation) {
        if (uow instanceof IndexedValues fast) {
            return fast.derive(type, index, key, derivation);
        }
        return derivation.apply(key, valuesBy(uow, type, index, key));
    }

    private static <T> List<T> valuesBy(UnitOfWork uow, AggregateType<T> type, String index, String key) {
        if (uow instanceof IndexedValues fast) {
            return fast.valuesBy(type, index, key);
        }
        List<Versioned<T>> found = uow.findBy(type, index, key);
        List<T> values = new ArrayList<>(found.size());
        for (Versioned<T> v : found) {
            values.add(v.value());
        }
        return values;
    }

    /** Purchases rank above memberships above other grants; within a rank, the later end wins. */
    private static boolean better(Grant a, Grant b) {
        int ra = rank(a.source());
        int rb = rank(b.source());
        if (ra != rb) {
            return ra < rb;
        }
        if (b.endsAt() == null) {
            return false;
        }
        return a.endsAt() == null || a.endsAt().isAfter(b.endsAt());
    }

    private static int rank(GrantSource source) {
        return switch (source) {
            case PURCHASE -> 0;
            case MEMBERSHIP -> 1;
            case FREE, MANUAL -> 2;
        };
    }

    private void publish(UnitOfWork uow, String type, Grant g, Map<String, String> extra) {
        for (CourseId course : g.courses()) {
            uow.publish(ctx.event(type, g.id().value(), eventData(g, "course", course.value(), extra)));
        }
        for (String category : g.categories()) {
            uow.publish(ctx.event(type, g.id().value(), eventData(g, "category", category, extra)));
        }
    }

    private static Map<String, String> eventData(Grant g, String coverKey, String cover, Map<String, String> extra) {
        Map<String, String> data = new LinkedHashMap<>(extra);
        data.put("learner", g.learner().value());
        data.put(coverKey, cover);
        data.put("grant", g.id().value());
        data.put("source", g.source().name());
        return data;
    }

    private static void requireQuery(UserId learner, String targetField, Object target, Instant at) {
        if (learner == null || target == null || at == null) {
            new Validator().notNull("learner", learner).notNull(targetField, target)
                    .notNull("at", at).throwIfInvalid();
        }
    }

    @Override
    public String toString() {
        return "AccessService";
    }

    /** Null input is a validation failure naming the field, like every other bad input. */
    private static void required(String field, Object value) {
        if (value == null) {
            throw io.learnloop.core.error.ValidationException.of(field, "is required");
        }
    }
}
