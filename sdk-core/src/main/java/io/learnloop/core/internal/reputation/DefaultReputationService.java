package io.learnloop.core.internal.reputation;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.Coupon;
import io.learnloop.core.commerce.CouponCode;
import io.learnloop.core.commerce.DiscountKind;
import io.learnloop.core.commerce.StackingRule;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.CertificateStatus;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.credential.VerificationResult;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.commerce.CommerceTypes;
import io.learnloop.core.internal.learning.LearningTypes;
import io.learnloop.core.learning.Note;
import io.learnloop.core.learning.NoteId;
import io.learnloop.core.learning.NoteVisibility;
import io.learnloop.core.reputation.Achievement;
import io.learnloop.core.reputation.Badge;
import io.learnloop.core.reputation.BadgeId;
import io.learnloop.core.reputation.CouponReward;
import io.learnloop.core.reputation.EarnedCoupon;
import io.learnloop.core.reputation.ReputationAward;
import io.learnloop.core.reputation.ReputationEntry;
import io.learnloop.core.reputation.ReputationPolicy;
import io.learnloop.core.reputation.ReputationRejectedException;
import io.learnloop.core.reputation.ReputationRejection;
import io.learnloop.core.reputation.ReputationRole;
import io.learnloop.core.reputation.ReputationScore;
import io.learnloop.core.reputation.ReputationService;
import io.learnloop.core.reputation.ReputationSource;
import io.learnloop.core.reputation.RoleHolding;
import io.learnloop.core.reputation.RoleThreshold;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The reputation service over the store.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultReputationService implements ReputationService {
    /** The owner of the coupons reputation earns: no person, so only an admin may switch one off. */
    static final UserId COUPON_OWNER = UserId.of("learnloop-reputation");
    /** More roles than any policy declares, so one read finds every role a learner holds. */
    private static final int MAX_ROLES = 100;

    private final ServiceContext context;
    private final ReputationPolicy policy;
    private final double halfLife;
    private final BadgeSigner badges;
    private final CatalogService catalog;

    /**
     * Creates the service.
     *
     * @param context     the context
     * @param policy      the rules
     * @param catalog     the catalogue, to find who created a published course
     * @param certificate the certificate policy whose issuer signs badges, or null for no badges
     * @param key         the signing key, or null for no badges
     */
    public DefaultReputationService(ServiceContext context, ReputationPolicy policy, CatalogService catalog,
                                    CertificatePolicy certificate, SigningKey key) {
        this.context = Objects.requireNonNull(context, "context");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.halfLife = Decay.seconds(policy.halfLife());
        this.badges = certificate == null || key == null ? null : new BadgeSigner(context, certificate, key);
    }

    // ---- recording ----

    @Override
    public ReputationEntry record(ReputationAward award) {
        new Validator().notNull("award", award).throwIfInvalid();
        return context.transactRetrying(uow -> recordWithin(uow, award));
    }

    @Override
    public ReputationEntry recordPeerReview(UserId reviewer, UserId submitter, String submissionId, String reviewId) {
        return record(new ReputationAward(ReputationSource.PEER_REVIEW, reviewer, submitter, submissionId,
                reviewId == null ? null : "peer-review:" + reviewId));
    }

    @Override
    public ReputationEntry markNoteHelpful(UserId voter, NoteId note) {
        new Validator().notNull("voter", voter).notNull("note", note).throwIfInvalid();
        return context.transactRetrying(uow -> {
            Note n = uow.get(LearningTypes.NOTE, note.value()).value();
            if (n.visibility() != NoteVisibility.SHARED) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Note '" + note + "' is private; only a note"
                        + " shared with the course can be marked helpful.");
            }
            return recordWithin(uow, new ReputationAward(ReputationSource.SHARED_NOTE, n.learner(), voter,
                    note.value(), "note-helpful:" + note.value() + ":" + voter.value()));
        });
    }

    private ReputationEntry recordWithin(UnitOfWork uow, ReputationAward award) {
        Optional<Versioned<ReputationEntry>> seen = uow.findUnique(ReputationTypes.ENTRY, ReputationTypes.SOURCE,
                ReputationTypes.sourceKey(award.source().name(), award.sourceId()));
        if (seen.isPresent()) {
            ReputationEntry e = seen.get().value();
            if (!e.learner().equals(award.learner()) || !e.actor().equals(award.actor())
                    || !e.target().equals(award.target())) {
                throw new ConflictException(ErrorCode.DUPLICATE_KEY, "Source id '" + award.sourceId() + "' of "
                        + award.source() + " was recorded for another award; give each act its own source id.");
            }
            return e;
        }
        if (award.learner().equals(award.actor())) {
            throw new ReputationRejectedException(ReputationRejection.SELF_AWARD, "User '" + award.actor()
                    + "' cannot award reputation to themselves.", null);
        }
        String vote = award.source().name() + "|" + award.actor().value() + "|" + award.learner().value() + "|"
                + award.target();
        if (uow.findUnique(ReputationTypes.ENTRY, ReputationTypes.VOTE, vote).isPresent()) {
            throw new ReputationRejectedException(ReputationRejection.ALREADY_AWARDED, "User '" + award.actor()
                    + "' already awarded '" + award.learner() + "' for " + award.source() + " on '" + award.target()
                    + "'; each target is awarded once per person.", null);
        }
        Instant now = context.now();
        takeDailySlot(uow, award.actor(), now);
        int points = policy.pointsOf(award.source());
        ReputationEntry entry = new ReputationEntry(context.newId(), award.learner(), award.source(), award.actor(),
                award.target(), award.sourceId(), points, now);
        uow.insert(ReputationTypes.ENTRY, entry);
        Optional<Versioned<ReputationSummary>> current = uow.find(ReputationTypes.SUMMARY, award.learner().value());
        ReputationSummary next = current.map(Versioned::value)
                .orElseGet(() -> ReputationSummary.empty(award.learner(), now))
                .plus(award.source(), points, now, halfLife);
        if (current.isPresent()) {
            uow.update(ReputationTypes.SUMMARY, next, current.get().version());
        } else {
            uow.insert(ReputationTypes.SUMMARY, next);
        }
        uow.publish(context.event(EventTypes.REPUTATION_AWARDED, entry.id(), Map.of("learner",
                award.learner().value(), "source", award.source().name(), "actor", award.actor().value(),
                "points", Integer.toString(points))));
        double score = next.scoreAt(now, halfLife);
        evaluateRoles(uow, award.learner(), score, now);
        earnCoupons(uow, award.learner(), score, now);
        earnBadges(uow, next, now);
        return entry;
    }

    /** Counts the award against the actor's day, refusing it past the cap; the compare-and-set serialises racers. */
    private void takeDailySlot(UnitOfWork uow, UserId actor, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String id = actor.value() + "|" + day;
        Optional<Versioned<ActorDay>> v = uow.find(ReputationTypes.ACTOR_DAY, id);
        int given = v.map(d -> d.value().awards()).orElse(0);
        if (given >= policy.dailyCapPerActor()) {
            Duration wait = Duration.between(now, day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            throw new ReputationRejectedException(ReputationRejection.RATE_LIMITED, "User '" + actor + "' gave "
                    + given + " awards today, the most one person may give in a UTC day; try again in " + wait
                    + ".", wait);
        }
        ActorDay next = new ActorDay(id, actor, day.toString(), given + 1);
        if (v.isPresent()) {
            uow.update(ReputationTypes.ACTOR_DAY, next, v.get().version());
        } else {
            uow.insert(ReputationTypes.ACTOR_DAY, next);
        }
    }

    // ---- what a score unlocks ----

    private Set<ReputationRole> evaluateRoles(UnitOfWork uow, UserId learner, double score, Instant now) {
        Set<ReputationRole> held = new LinkedHashSet<>();
        Set<ReputationRole> declared = new HashSet<>();
        for (RoleThreshold t : policy.roles()) {
            declared.add(t.role());
            String id = holdingId(learner, t.role());
            Optional<Versioned<RoleHolding>> holding = uow.find(ReputationTypes.ROLE, id);
            boolean qualifies = score >= t.points();
            Instant lapse = qualifies ? Decay.fallsBelow(score, now, t.points(), halfLife) : null;
            if (qualifies && holding.isPresent() && !lapse.equals(holding.get().value().lapsesAt())) {
                // new reputation (or a stored holding without a lapse): the role lasts until the new instant
                RoleHolding h = holding.get().value();
                uow.update(ReputationTypes.ROLE, new RoleHolding(h.id(), h.learner(), h.role(), h.since(), lapse),
                        holding.get().version());
            }
            if (qualifies && holding.isEmpty()) {
                uow.insert(ReputationTypes.ROLE, new RoleHolding(id, learner, t.role(), now, lapse));
                uow.publish(context.event(EventTypes.REPUTATION_ROLE_GAINED, id,
                        Map.of("learner", learner.value(), "role", t.role().name())));
                if (t.role().equals(ReputationRole.COMMUNITY_MENTOR)) {
                    ensureBadge(uow, learner, Achievement.COMMUNITY_MENTOR, now);
                }
            } else if (!qualifies && holding.isPresent()) {
                removeRole(uow, holding.get());
            }
            if (qualifies) {
                held.add(t.role());
            }
        }
        // a role the policy no longer declares has no threshold left to reach
        for (Versioned<RoleHolding> h : uow.findRange(ReputationTypes.ROLE, ReputationTypes.BY_LEARNER,
                learner.value(), IndexRange.first(MAX_ROLES))) {
            if (!declared.contains(h.value().role())) {
                removeRole(uow, h);
            }
        }
        return held;
    }

    private void removeRole(UnitOfWork uow, Versioned<RoleHolding> holding) {
        RoleHolding h = holding.value();
        uow.delete(ReputationTypes.ROLE, h.id(), holding.version());
        uow.publish(context.event(EventTypes.REPUTATION_ROLE_LOST, h.id(),
                Map.of("learner", h.learner().value(), "role", h.role().name())));
    }

    private static String holdingId(UserId learner, ReputationRole role) {
        return learner.value() + "|" + role.name();
    }

    private void earnCoupons(UnitOfWork uow, UserId learner, double score, Instant now) {
        for (CouponReward reward : policy.coupons()) {
            String id = learner.value() + "|" + reward.name();
            if (score < reward.points() || uow.find(ReputationTypes.COUPON, id).isPresent()) {
                continue;
            }
            CouponCode code = CouponCode.of(couponCode());
            Instant until = now.plus(reward.validFor());
            DiscountKind kind = reward.amountOff() == null ? DiscountKind.PERCENT : DiscountKind.FIXED;
            uow.insert(CommerceTypes.COUPON, new Coupon(code, COUPON_OWNER, kind, reward.percentOffBps(),
                    reward.amountOff(), now, until, 1, 1, List.of(), null, StackingRule.EXCLUSIVE, 0, true, now));
            uow.insert(ReputationTypes.COUPON, new EarnedCoupon(id, learner, reward.name(), code, now, until));
            uow.publish(context.event(EventTypes.REPUTATION_COUPON_EARNED, id,
                    Map.of("learner", learner.value(), "reward", reward.name())));
        }
    }

    /** A code nobody can guess when ids are random: it is the only thing that stands for the learner's coupon. */
    private String couponCode() {
        String raw = "REP-" + context.newId().replaceAll("[^A-Za-z0-9_-]", "-");
        return raw.length() > CouponCode.MAX_LENGTH ? raw.substring(0, CouponCode.MAX_LENGTH) : raw;
    }

    private void earnBadges(UnitOfWork uow, ReputationSummary summary, Instant now) {
        Long accepted = summary.counts().get(ReputationSource.ACCEPTED_ANSWER);
        if (accepted != null && accepted >= 1) {
            ensureBadge(uow, summary.learner(), Achievement.FIRST_ACCEPTED_ANSWER, now);
        }
        Long helpful = summary.counts().get(ReputationSource.HELPFUL_POST);
        int needed = policy.helpfulPostsForBadge();
        if (needed > 0 && helpful != null && helpful >= needed) {
            ensureBadge(uow, summary.learner(), Achievement.helpfulPosts(needed), now);
        }
    }

    /** Issues a badge unless the learner holds one for the achievement; without a signing key, issues nothing. */
    private Optional<Badge> ensureBadge(UnitOfWork uow, UserId learner, Achievement achievement, Instant now) {
        if (badges == null) {
            return Optional.empty();
        }
        Optional<Versioned<Badge>> held = uow.findUnique(ReputationTypes.BADGE, ReputationTypes.HELD,
                learner.value() + "|" + achievement.key());
        if (held.isPresent()) {
            return Optional.of(held.get().value());
        }
        Badge badge = badges.sign(new BadgeId(context.newId()), learner, achievement, now);
        uow.insert(ReputationTypes.BADGE, badge);
        uow.publish(context.event(EventTypes.BADGE_ISSUED, badge.id().value(), Map.of("learner", learner.value(),
                "achievement", achievement.key(), "credentialId", badge.credentialId())));
        return Optional.of(badge);
    }

    // ---- reading and evaluating ----

    @Override
    public ReputationScore score(UserId learner) {
        new Validator().notNull("learner", learner).throwIfInvalid();
        Instant now = context.now();
        return context.read(uow -> scoreOf(uow, learner, now, heldRoles(uow, learner)));
    }

    private ReputationScore scoreOf(UnitOfWork uow, UserId learner, Instant now, Set<ReputationRole> roles) {
        return uow.find(ReputationTypes.SUMMARY, learner.value()).map(Versioned::value)
                .map(s -> new ReputationScore(learner, s.scoreAt(now, halfLife), now, s.lifetimePoints(), s.counts(),
                        roles))
                .orElseGet(() -> new ReputationScore(learner, 0, now, 0, Map.of(), roles));
    }

    private static Set<ReputationRole> heldRoles(UnitOfWork uow, UserId learner) {
        Set<ReputationRole> roles = new LinkedHashSet<>();
        for (Versioned<RoleHolding> h : uow.findRange(ReputationTypes.ROLE, ReputationTypes.BY_LEARNER,
                learner.value(), IndexRange.first(MAX_ROLES))) {
            roles.add(h.value().role());
        }
        return roles;
    }

    @Override
    public Page<ReputationEntry> journal(UserId learner, String cursor, int limit) {
        new Validator().notNull("learner", learner).throwIfInvalid();
        return context.read(uow -> Pages.page(uow, ReputationTypes.ENTRY, ReputationTypes.BY_LEARNER, learner.value(),
                new IndexRange(null, null, limit, true), cursor, Function.identity()));
    }

    @Override
    public ReputationScore evaluate(UserId learner) {
        new Validator().notNull("learner", learner).throwIfInvalid();
        return context.transactRetrying(uow -> {
            Instant now = context.now();
            Optional<Versioned<ReputationSummary>> v = uow.find(ReputationTypes.SUMMARY, learner.value());
            double score = 0;
            if (v.isPresent()) {
                // written back, decayed to now, so an award racing this evaluation makes one of them run again
                ReputationSummary s = v.get().value();
                score = s.scoreAt(now, halfLife);
                uow.update(ReputationTypes.SUMMARY, new ReputationSummary(learner, score, now.isAfter(s.asOf()) ? now
                        : s.asOf(), s.lifetimePoints(), s.counts()), v.get().version());
            }
            Set<ReputationRole> roles = evaluateRoles(uow, learner, score, now);
            return scoreOf(uow, learner, now, roles);
        });
    }

    /**
     * Re-evaluates the learners whose role lapsed by now, the earliest lapse first, at most {@code limit} holdings a
     * run: each loses the roles its decayed score no longer reaches ({@code reputation.role_lost}), or keeps them
     * with a later lapse when new reputation came meanwhile. The scheduled jobs run it; it reads only holdings whose
     * lapse has passed, so a run costs nothing while no role lapses.
     *
     * @param limit the most holdings to re-evaluate
     * @return how many learners were re-evaluated
     */
    public int evaluateLapsed(int limit) {
        Instant now = context.now();
        List<Versioned<RoleHolding>> due = context.read(uow -> uow.findRange(ReputationTypes.ROLE,
                ReputationTypes.BY_LAPSE, ReputationTypes.ALL,
                new IndexRange(null, SortKeys.after(SortKeys.instant(now)), limit, false)));
        Set<UserId> learners = new LinkedHashSet<>();
        for (Versioned<RoleHolding> h : due) {
            learners.add(h.value().learner());
        }
        for (UserId learner : learners) {
            evaluate(learner);
        }
        return learners.size();
    }

    @Override
    public boolean hasRole(UserId learner, ReputationRole role) {
        new Validator().notNull("learner", learner).notNull("role", role).throwIfInvalid();
        return context.read(uow -> uow.find(ReputationTypes.ROLE, holdingId(learner, role)).isPresent());
    }

    @Override
    public Page<RoleHolding> holders(ReputationRole role, String cursor, int limit) {
        new Validator().notNull("role", role).throwIfInvalid();
        return context.read(uow -> Pages.page(uow, ReputationTypes.ROLE, ReputationTypes.BY_ROLE, role.name(),
                IndexRange.first(limit), cursor, Function.identity()));
    }

    @Override
    public List<EarnedCoupon> couponsOf(Actor viewer, UserId learner) {
        new Validator().notNull("viewer", viewer).notNull("learner", learner).throwIfInvalid();
        if (!viewer.id().equals(learner) && !viewer.has(Role.FINANCE)) {
            throw new ForbiddenException("User '" + viewer.id() + "' may not read the coupons of '" + learner
                    + "': a coupon's code redeems it, so only its learner or someone with the role FINANCE may.");
        }
        return context.read(uow -> uow.findRange(ReputationTypes.COUPON, ReputationTypes.BY_LEARNER, learner.value(),
                IndexRange.first(IndexRange.MAX_LIMIT))).stream().map(Versioned::value).toList();
    }

    @Override
    public Page<Badge> badgesOf(UserId learner, String cursor, int limit) {
        new Validator().notNull("learner", learner).throwIfInvalid();
        return context.read(uow -> Pages.page(uow, ReputationTypes.BADGE, ReputationTypes.BY_LEARNER,
                learner.value(), IndexRange.first(limit), cursor, Function.identity()));
    }

    // ---- badges ----

    @Override
    public Badge issueBadge(Actor issuer, UserId learner, Achievement achievement) {
        new Validator().notNull("issuer", issuer).notNull("learner", learner).notNull("achievement", achievement)
                .throwIfInvalid();
        issuer.require(Role.ADMIN, "issue a badge");
        requireBadges();
        return context.transactRetrying(uow -> ensureBadge(uow, learner, achievement, context.now()).orElseThrow());
    }

    @Override
    public Badge badge(BadgeId id) {
        new Validator().notNull("badgeId", id).throwIfInvalid();
        return context.read(uow -> uow.get(ReputationTypes.BADGE, id.value()).value());
    }

    @Override
    public Badge revokeBadge(Actor admin, BadgeId id, String reason) {
        new Validator().notNull("admin", admin).notNull("badgeId", id).notBlank("reason", reason, 500).throwIfInvalid();
        admin.require(Role.ADMIN, "revoke a badge");
        return context.transactRetrying(uow -> {
            Versioned<Badge> v = uow.get(ReputationTypes.BADGE, id.value());
            if (v.value().status() == CertificateStatus.REVOKED) {
                return v.value();
            }
            Badge revoked = v.value().revoked(context.now(), reason);
            uow.update(ReputationTypes.BADGE, revoked, v.version());
            uow.publish(context.event(EventTypes.BADGE_REVOKED, id.value(), Map.of("learner",
                    revoked.learner().value(), "achievement", revoked.achievement(), "credentialId",
                    revoked.credentialId())));
            return revoked;
        });
    }

    @Override
    public VerificationResult verifyBadge(String jwt) {
        return requireBadges().verify(jwt);
    }

    private BadgeSigner requireBadges() {
        if (badges == null) {
            throw new LearnloopException(ErrorCode.CONFIGURATION, "Badges are signed with the certificate key: build"
                    + " the facade with Learnloop.Builder.certificates(policy, key) to issue or verify them.");
        }
        return badges;
    }

    /**
     * Follows the facade's events: a creator's first published course earns {@link Achievement#COURSE_CREATOR}.
     * Delivery may repeat; a learner holds one badge per achievement, so a repeat issues nothing.
     *
     * @param event a delivered event
     */
    public void onEvent(DomainEvent event) {
        if (EventTypes.PRACTICE_REVIEWED.equals(event.type())) {
            awardPeerReview(event);
            return;
        }
        if (badges == null || !EventTypes.COURSE_PUBLISHED.equals(event.type())) {
            return;
        }
        String course = event.get("course");
        if (course == null) {
            return;
        }
        UserId creator = catalog.course(CourseId.of(course)).creator();
        context.transactRetrying(uow -> ensureBadge(uow, creator, Achievement.COURSE_CREATOR, context.now()));
    }

    private void awardPeerReview(DomainEvent event) {
        String reviewer = event.get("reviewerId");
        String learner = event.get("learnerId");
        if (reviewer == null || learner == null) {
            return;
        }
        try {
            recordPeerReview(UserId.of(reviewer), UserId.of(learner), event.get("submissionId"),
                    event.get("reviewId"));
        } catch (ReputationRejectedException refused) {
            // the review stands; only its reward is refused (a daily cap reached, say), and a retry would not change it
        }
    }

    @Override
    public String toString() {
        return "ReputationService[halfLife=" + policy.halfLife() + ", badges=" + (badges != null) + "]";
    }
}
