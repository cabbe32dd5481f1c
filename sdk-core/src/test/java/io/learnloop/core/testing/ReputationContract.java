package io.learnloop.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.CouponRejectedException;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.commerce.Quote;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.CertificateStatus;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.credential.VerificationResult;
import io.learnloop.core.credential.VerificationStatus;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.Note;
import io.learnloop.core.learning.NoteAnchor;
import io.learnloop.core.learning.NoteDraft;
import io.learnloop.core.learning.NoteId;
import io.learnloop.core.learning.NoteVisibility;
import io.learnloop.core.money.Money;
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
import io.learnloop.core.store.Store;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Reputation through the public API on a store: the journal and its anti-gaming rules, decay, roles, coupons and
 * badges. A store's test extends this class and returns its store from {@link #store()}; every test works in a
 * tenant of its own.
 */
public abstract class ReputationContract {
    private static final AtomicLong TENANTS = new AtomicLong();
    private static final Instant START = Instant.parse("2026-09-01T08:00:00Z");
    private static final KeyPair KEYS = keys();
    private static final String ISSUER = "https://school.example";
    private static final UserId LENA = UserId.of("lena");
    private static final UserId TOM = UserId.of("tom");
    private static final UserId KIM = UserId.of("kim");
    private static final UserId RAY = UserId.of("ray");
    private static final UserId ZOE = UserId.of("zoe");

    private final MutableClock clock = new MutableClock(START);
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();

    /**
     * The store under test; may return the same store every time.
     *
     * @return the store
     */
    protected abstract Store store();

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Learnloop facade(ReputationPolicy policy, Consumer<Learnloop.Builder> more) {
        Learnloop.Builder b = Learnloop.builder().store(store())
                .tenant(TenantId.of("rep-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-"
                        + TENANTS.incrementAndGet()))
                .clock(clock).idGenerator(IdGenerator.randomUuids()).listener(events::add)
                .reputationPolicy(policy);
        if (more != null) {
            more.accept(b);
        }
        return b.build();
    }

    private Learnloop facade(ReputationPolicy policy) {
        return facade(policy, b -> b.certificates(CertificatePolicy.defaults(new IssuerProfile(ISSUER, "School")),
                SigningKey.of("k1", KEYS)));
    }

    private static ReputationAward helpful(UserId author, UserId voter, String post) {
        return ReputationAward.helpfulPost(author, voter, post);
    }

    // ---- the journal ----

    @Test
    void record_whenOthersAward_addsPolicyPointsAndJournalsNewestFirst() {
        ReputationService rep = facade(ReputationPolicy.defaults()).reputation();

        rep.record(helpful(LENA, TOM, "p1"));
        clock.advance(Duration.ofMinutes(1));
        rep.record(ReputationAward.acceptedAnswer(LENA, KIM, "p2"));
        clock.advance(Duration.ofMinutes(1));
        rep.recordPeerReview(LENA, RAY, "submission-1", "review-1");

        ReputationScore score = rep.score(LENA);
        assertThat(score.lifetimePoints()).isEqualTo(5 + 15 + 10);
        assertThat(score.score()).isCloseTo(30, within(0.01));
        assertThat(score.count(ReputationSource.PEER_REVIEW)).isEqualTo(1);
        Page<ReputationEntry> first = rep.journal(LENA, null, 2);
        Page<ReputationEntry> second = rep.journal(LENA, first.nextCursor(), 2);
        assertThat(first.items()).extracting(ReputationEntry::source)
                .containsExactly(ReputationSource.PEER_REVIEW, ReputationSource.ACCEPTED_ANSWER);
        assertThat(second.items()).extracting(ReputationEntry::source).containsExactly(ReputationSource.HELPFUL_POST);
        assertThat(second.hasNext()).isFalse();
        assertThat(second.items().get(0).actor()).isEqualTo(TOM);
        assertThat(rep.score(TOM).score()).isZero();
    }

    @Test
    void record_whenTheSameSourceIdIsReportedAgain_countsItOnce() {
        ReputationService rep = facade(ReputationPolicy.defaults()).reputation();
        ReputationEntry first = rep.record(helpful(LENA, TOM, "p1"));

        ReputationEntry again = rep.record(helpful(LENA, TOM, "p1"));

        assertThat(again).isEqualTo(first);
        assertThat(rep.score(LENA).lifetimePoints()).isEqualTo(5);
        assertThat(rep.journal(LENA, null, 10).items()).hasSize(1);
        assertThatThrownBy(() -> rep.record(helpful(KIM, TOM, "p9").withSourceId(first.sourceId())))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY));
    }

    @Test
    void record_whenActorAwardsThemselves_isRejectedAndStoresNothing() {
        ReputationService rep = facade(ReputationPolicy.defaults()).reputation();

        assertThatThrownBy(() -> rep.record(helpful(LENA, LENA, "p1")))
                .isInstanceOfSatisfying(ReputationRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReputationRejection.SELF_AWARD);
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                });
        assertThatThrownBy(() -> rep.recordPeerReview(LENA, LENA, "s1", "r1"))
                .isInstanceOfSatisfying(ReputationRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReputationRejection.SELF_AWARD));
        assertThat(rep.score(LENA).lifetimePoints()).isZero();
        assertThat(rep.journal(LENA, null, 10).items()).isEmpty();
    }

    @Test
    void record_whenVoterAwardsTheSameTargetTwice_isRejectedTheSecondTime() {
        ReputationService rep = facade(ReputationPolicy.defaults()).reputation();
        rep.record(helpful(LENA, TOM, "p1"));

        assertThatThrownBy(() -> rep.record(helpful(LENA, TOM, "p1").withSourceId("discourse:like:77")))
                .isInstanceOfSatisfying(ReputationRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReputationRejection.ALREADY_AWARDED);
                    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
                });
        rep.record(helpful(LENA, KIM, "p1"));
        assertThat(rep.score(LENA).lifetimePoints()).isEqualTo(10);
    }

    @Test
    void record_whenActorPassesTheDailyCap_isRateLimitedUntilTheNextUtcDay() {
        ReputationService rep = facade(ReputationPolicy.defaults().withDailyCap(2)).reputation();
        rep.record(helpful(LENA, TOM, "p1"));
        rep.record(helpful(KIM, TOM, "p2"));

        assertThatThrownBy(() -> rep.record(helpful(RAY, TOM, "p3")))
                .isInstanceOfSatisfying(ReputationRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReputationRejection.RATE_LIMITED);
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(16));
                });
        assertThat(rep.score(RAY).lifetimePoints()).isZero();
        rep.record(helpful(RAY, KIM, "p3"));

        clock.advance(Duration.ofHours(16));
        rep.record(helpful(RAY, TOM, "p3"));
        assertThat(rep.score(RAY).lifetimePoints()).isEqualTo(10);
    }

    @Test
    void record_whenTwoAwardsOfOneActorRaceForTheLastPlace_onlyOneCounts() throws Exception {
        ReputationService rep = facade(ReputationPolicy.defaults().withDailyCap(1)).reputation();
        List<Object> outcomes = race(() -> rep.record(helpful(LENA, TOM, "p1")),
                () -> rep.record(helpful(KIM, TOM, "p2")));

        assertThat(outcomes).filteredOn(o -> o instanceof ReputationEntry).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof ReputationRejectedException r
                && r.reason() == ReputationRejection.RATE_LIMITED).hasSize(1);
        assertThat(rep.score(LENA).lifetimePoints() + rep.score(KIM).lifetimePoints()).isEqualTo(5);
    }

    @Test
    void record_whenInputIsMissingOrMalformed_failsValidation() {
        ReputationService rep = facade(ReputationPolicy.defaults()).reputation();

        assertThatThrownBy(() -> rep.record(null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new ReputationAward(ReputationSource.HELPFUL_POST, LENA, null, " ", "x"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("actor").hasMessageContaining("target");
        assertThatThrownBy(() -> rep.recordPeerReview(LENA, TOM, "s1", null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("sourceId");
        assertThatThrownBy(() -> rep.score(null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> rep.journal(LENA, null, 0)).isInstanceOf(ValidationException.class);
    }

    @Test
    void score_whenLearnerIsUnknown_isZeroWithAnEmptyJournal() {
        ReputationService rep = facade(ReputationPolicy.defaults()).reputation();
        UserId nobody = UserId.of("nobody");

        ReputationScore score = rep.score(nobody);

        assertThat(score.score()).isZero();
        assertThat(score.lifetimePoints()).isZero();
        assertThat(score.counts()).isEmpty();
        assertThat(score.roles()).isEmpty();
        assertThat(rep.journal(nobody, null, 10).items()).isEmpty();
        assertThat(rep.hasRole(nobody, ReputationRole.COMMUNITY_MENTOR)).isFalse();
        assertThat(rep.couponsOf(Actor.learner(nobody.value()), nobody)).isEmpty();
        assertThat(rep.badgesOf(nobody, null, 10).items()).isEmpty();
        assertThat(rep.evaluate(nobody).roles()).isEmpty();
    }

    // ---- shared notes ----

    @Test
    void markNoteHelpful_whenNoteIsSharedByAnother_awardsItsAuthorOnce() {
        Learnloop learnloop = facade(ReputationPolicy.defaults());
        Note note = note(learnloop, LENA, NoteVisibility.SHARED);

        learnloop.reputation().markNoteHelpful(TOM, note.id());
        learnloop.reputation().markNoteHelpful(TOM, note.id());

        ReputationScore score = learnloop.reputation().score(LENA);
        assertThat(score.count(ReputationSource.SHARED_NOTE)).isEqualTo(1);
        assertThat(score.lifetimePoints()).isEqualTo(5);
    }

    @Test
    void markNoteHelpful_whenNoteIsUnknownPrivateOrOwn_isRefused() {
        Learnloop learnloop = facade(ReputationPolicy.defaults());
        Note shared = note(learnloop, LENA, NoteVisibility.SHARED);
        Note hidden = note(learnloop, LENA, NoteVisibility.PRIVATE);
        ReputationService rep = learnloop.reputation();

        assertThatThrownBy(() -> rep.markNoteHelpful(TOM, new NoteId("no-such-note")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> rep.markNoteHelpful(TOM, hidden.id()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThatThrownBy(() -> rep.markNoteHelpful(LENA, shared.id()))
                .isInstanceOfSatisfying(ReputationRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReputationRejection.SELF_AWARD));
        assertThat(rep.score(LENA).lifetimePoints()).isZero();
    }

    private static Note note(Learnloop learnloop, UserId author, NoteVisibility visibility) {
        Course course = Catalogue.published(learnloop, Actor.of("ada", io.learnloop.core.identity.Role.CREATOR),
                "Notes " + System.nanoTime());
        return learnloop.notes().add(author, course.published().lessons().get(0).id(),
                new NoteDraft(NoteAnchor.atSecond(1), "A tip", visibility));
    }

    // ---- decay ----

    @Test
    void score_whenHalfLivesPass_halvesEachTimeAndMatchesTheJournal() {
        ReputationService rep = facade(ReputationPolicy.defaults().withHalfLife(Duration.ofDays(10))).reputation();
        rep.record(ReputationAward.acceptedAnswer(LENA, TOM, "p1"));
        clock.advance(Duration.ofDays(10));
        assertThat(rep.score(LENA).score()).isCloseTo(7.5, within(1e-9));
        rep.record(helpful(LENA, KIM, "p2"));
        clock.advance(Duration.ofDays(5));
        rep.record(helpful(LENA, RAY, "p3"));
        clock.advance(Duration.ofDays(7));

        ReputationScore score = rep.score(LENA);

        double fromJournal = 0;
        for (ReputationEntry e : rep.journal(LENA, null, 100).items()) {
            double days = Duration.between(e.recordedAt(), clock.instant()).toMillis() / 86_400_000.0;
            fromJournal += e.points() * Math.pow(2, -days / 10);
        }
        assertThat(score.score()).isCloseTo(fromJournal, within(1e-9));
        assertThat(score.score()).isCloseTo(15 * Math.pow(2, -2.2) + 5 * Math.pow(2, -1.2) + 5 * Math.pow(2, -0.7),
                within(1e-9));
        assertThat(score.lifetimePoints()).isEqualTo(25);
        assertThat(score.at()).isEqualTo(clock.instant());
    }

    // ---- roles ----

    @Test
    void evaluate_whenScoreCrossesTheThresholdUpThenDecaysBelow_grantsThenRemovesTheRole() {
        ReputationRole mentor = ReputationRole.COMMUNITY_MENTOR;
        ReputationService rep = facade(ReputationPolicy.defaults().withHalfLife(Duration.ofDays(30))
                .withRoles(List.of(new RoleThreshold(mentor, 20)))).reputation();
        rep.record(ReputationAward.acceptedAnswer(LENA, TOM, "p1"));
        assertThat(rep.hasRole(LENA, mentor)).isFalse();

        rep.record(helpful(LENA, KIM, "p2"));

        assertThat(rep.hasRole(LENA, mentor)).isTrue();
        assertThat(rep.score(LENA).roles()).containsExactly(mentor);
        assertThat(rep.holders(mentor, null, 10).items()).extracting(RoleHolding::learner).containsExactly(LENA);
        assertThat(events).anySatisfy(e -> assertThat(e.type()).isEqualTo(EventTypes.REPUTATION_ROLE_GAINED));

        clock.advance(Duration.ofDays(10));
        assertThat(rep.evaluate(LENA).roles()).as("20 points decayed by a third of a half-life").isEmpty();
        assertThat(rep.hasRole(LENA, mentor)).isFalse();
        assertThat(rep.holders(mentor, null, 10).items()).isEmpty();
        assertThat(events).anySatisfy(e -> assertThat(e.type()).isEqualTo(EventTypes.REPUTATION_ROLE_LOST));

        rep.record(helpful(LENA, RAY, "p3"));
        assertThat(rep.hasRole(LENA, mentor)).as("regained once the score is back over the threshold").isTrue();
    }

    @Test
    void hasRole_whenOnlyDecayLowersTheScore_keepsTheRoleUntilTheNextEvaluation() {
        ReputationRole mentor = ReputationRole.COMMUNITY_MENTOR;
        ReputationService rep = facade(ReputationPolicy.defaults().withHalfLife(Duration.ofDays(30))
                .withRoles(List.of(new RoleThreshold(mentor, 15)))).reputation();
        rep.record(ReputationAward.acceptedAnswer(LENA, TOM, "p1"));
        clock.advance(Duration.ofDays(60));

        assertThat(rep.hasRole(LENA, mentor)).isTrue();
        assertThat(rep.score(LENA).score()).isCloseTo(3.75, within(1e-9));
        rep.evaluate(LENA);
        assertThat(rep.hasRole(LENA, mentor)).isFalse();
    }

    @Test
    void runScheduledJobs_whenDecayTakesTheScoreBelowTheThreshold_removesTheRoleAtTheFirstRunAfterTheLapse() {
        ReputationRole mentor = ReputationRole.COMMUNITY_MENTOR;
        Learnloop learnloop = facade(ReputationPolicy.defaults().withHalfLife(Duration.ofDays(30))
                .withRoles(List.of(new RoleThreshold(mentor, 10))));
        ReputationService rep = learnloop.reputation();
        rep.record(ReputationAward.acceptedAnswer(LENA, TOM, "p1"));
        rep.record(helpful(LENA, KIM, "p2"));
        // 20 points fall below 10 one half-life later: the holding knows when, to the millisecond
        Instant lapse = clock.instant().plus(Duration.ofDays(30)).plusMillis(1);
        assertThat(rep.holders(mentor, null, 10).items()).singleElement()
                .satisfies(h -> assertThat(h.lapsesAt()).isEqualTo(lapse));

        clock.advance(Duration.ofDays(30));
        learnloop.runScheduledJobs();
        assertThat(rep.hasRole(LENA, mentor)).as("exactly at the threshold, still held").isTrue();
        assertThat(events).noneSatisfy(e -> assertThat(e.type()).isEqualTo(EventTypes.REPUTATION_ROLE_LOST));

        clock.advance(Duration.ofMillis(1));
        learnloop.runScheduledJobs();

        assertThat(rep.hasRole(LENA, mentor)).isFalse();
        assertThat(rep.holders(mentor, null, 10).items()).isEmpty();
        assertThat(events).filteredOn(e -> e.type().equals(EventTypes.REPUTATION_ROLE_LOST)).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("learner", LENA.value()));
    }

    @Test
    void runScheduledJobs_whenNewReputationCameBeforeTheLapse_keepsTheRoleUntilTheLaterLapse() {
        ReputationRole mentor = ReputationRole.COMMUNITY_MENTOR;
        Learnloop learnloop = facade(ReputationPolicy.defaults().withHalfLife(Duration.ofDays(30))
                .withRoles(List.of(new RoleThreshold(mentor, 10))));
        ReputationService rep = learnloop.reputation();
        rep.record(ReputationAward.acceptedAnswer(LENA, TOM, "p1"));
        rep.record(helpful(LENA, KIM, "p2"));
        rep.record(ReputationAward.acceptedAnswer(ZOE, TOM, "z1"));
        rep.record(helpful(ZOE, KIM, "z2"));
        clock.advance(Duration.ofDays(20));
        rep.record(helpful(LENA, RAY, "p3"));
        Instant later = rep.holders(mentor, null, 10).items().stream().filter(h -> h.learner().equals(LENA))
                .findFirst().orElseThrow().lapsesAt();
        assertThat(later).isAfter(clock.instant().plus(Duration.ofDays(10)));

        clock.advance(Duration.ofDays(11));
        learnloop.runScheduledJobs();

        assertThat(rep.hasRole(LENA, mentor)).isTrue();
        assertThat(rep.hasRole(ZOE, mentor)).as("no new reputation: lapsed").isFalse();
        clock.advance(Duration.between(clock.instant(), later));
        learnloop.runScheduledJobs();
        assertThat(rep.hasRole(LENA, mentor)).isFalse();
    }

    // ---- coupons ----

    @Test
    void record_whenScoreReachesACouponReward_issuesOneSingleUseCouponRedeemableAtCheckout() {
        Learnloop learnloop = facade(ReputationPolicy.defaults()
                .withCoupons(List.of(CouponReward.percent("helper-10", 10, 1000, Duration.ofDays(30)))));
        ReputationService rep = learnloop.reputation();
        rep.record(helpful(LENA, TOM, "p1"));
        assertThat(rep.couponsOf(Staff.FINANCE, LENA)).isEmpty();

        rep.record(helpful(LENA, KIM, "p2"));
        rep.record(helpful(LENA, RAY, "p3"));

        List<EarnedCoupon> coupons = rep.couponsOf(Staff.FINANCE, LENA);
        assertThat(rep.couponsOf(Actor.learner(LENA.value()), LENA)).isEqualTo(coupons);
        assertThatThrownBy(() -> rep.couponsOf(Actor.learner("tom"), LENA))
                .isInstanceOf(io.learnloop.core.error.ForbiddenException.class);
        assertThat(coupons).singleElement().satisfies(c -> {
            assertThat(c.reward()).isEqualTo("helper-10");
            assertThat(c.expires()).isEqualTo(c.earnedAt().plus(Duration.ofDays(30)));
        });
        Course course = Catalogue.published(learnloop, Actor.of("ada", io.learnloop.core.identity.Role.CREATOR),
                "Priced");
        Offer offer = learnloop.commerce().createOffer(Actor.of("ada", io.learnloop.core.identity.Role.CREATOR),
                OfferDraft.course("Priced", Money.parse("50.00", "CNY"), course.id()));
        String code = coupons.get(0).code().value();
        Quote quote = learnloop.commerce().quote(Actor.learner("lena"),
                new PlaceOrder("q1", List.of(offer.id()), List.of(code)));
        assertThat(quote.total()).isEqualTo(Money.parse("45.00", "CNY"));
        learnloop.commerce().placeOrder(Actor.learner("lena"), new PlaceOrder("o1", List.of(offer.id()), List.of(code)));
        assertThatThrownBy(() -> learnloop.commerce().placeOrder(Actor.learner("tom"),
                new PlaceOrder("o2", List.of(offer.id()), List.of(code))))
                .as("single use").isInstanceOf(CouponRejectedException.class);
    }

    @Test
    void record_whenTwoConcurrentAwardsBothCrossTheCouponThreshold_issuesTheCouponOnce() throws Exception {
        ReputationService rep = facade(ReputationPolicy.defaults()
                .withCoupons(List.of(CouponReward.percent("helper-10", 10, 1000, Duration.ofDays(30))))).reputation();
        rep.record(helpful(LENA, TOM, "p1"));

        List<Object> outcomes = race(() -> rep.record(helpful(LENA, KIM, "p2")),
                () -> rep.record(helpful(LENA, RAY, "p3")));

        assertThat(outcomes).allMatch(o -> o instanceof ReputationEntry);
        assertThat(rep.score(LENA).lifetimePoints()).isEqualTo(15);
        assertThat(rep.couponsOf(Staff.FINANCE, LENA)).hasSize(1);
        assertThat(events).filteredOn(e -> e.type().equals(EventTypes.REPUTATION_COUPON_EARNED)).hasSize(1);
    }

    // ---- badges ----

    @Test
    void record_whenFirstAnswerIsAccepted_issuesAVerifiableOpenBadgeOnce() throws Exception {
        ReputationService rep = facade(ReputationPolicy.defaults()).reputation();

        rep.record(ReputationAward.acceptedAnswer(LENA, TOM, "p1"));
        rep.record(ReputationAward.acceptedAnswer(LENA, KIM, "p2"));

        List<Badge> badges = rep.badgesOf(LENA, null, 10).items();
        assertThat(badges).singleElement()
                .satisfies(b -> assertThat(b.achievement()).isEqualTo(Achievement.FIRST_ACCEPTED_ANSWER.key()));
        Badge badge = badges.get(0);
        VerificationResult result = rep.verifyBadge(badge.jwt());
        assertThat(result.status()).isEqualTo(VerificationStatus.VALID);
        assertThat(result.issuerId()).isEqualTo(ISSUER);
        assertThat(result.credentialId()).isEqualTo(badge.credentialId());
        assertThat(result.achievementName()).isEqualTo(Achievement.FIRST_ACCEPTED_ANSWER.name());
        JsonNode vc = new ObjectMapper().readTree(result.credentialJson());
        assertThat(vc.path("type").toString()).contains("OpenBadgeCredential");
        JsonNode subject = vc.path("credentialSubject");
        assertThat(subject.path("id").asText()).endsWith("lena");
        assertThat(subject.path("achievement").path("id").asText())
                .isEqualTo(ISSUER + "/achievements/community/first-accepted-answer");
        assertThat(subject.path("achievement").path("criteria").path("narrative").asText())
                .isEqualTo(Achievement.FIRST_ACCEPTED_ANSWER.criteria());
    }

    @Test
    void verifyBadge_whenPayloadIsTamperedOrBadgeRevoked_refusesIt() {
        Learnloop learnloop = facade(ReputationPolicy.defaults());
        ReputationService rep = learnloop.reputation();
        rep.record(ReputationAward.acceptedAnswer(LENA, TOM, "p1"));
        Badge badge = rep.badgesOf(LENA, null, 10).items().get(0);
        String[] parts = badge.jwt().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"lena\"", "\"mallory\"").replace(":lena", ":mallory");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(rep.verifyBadge(forged).status()).isEqualTo(VerificationStatus.BAD_SIGNATURE);

        assertThatThrownBy(() -> rep.revokeBadge(Actor.learner("lena"), badge.id(), "mine"))
                .isInstanceOf(ForbiddenException.class);
        Badge revoked = rep.revokeBadge(Staff.ADMIN, badge.id(), "answer was plagiarised");
        assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(rep.verifyBadge(badge.jwt()).status()).isEqualTo(VerificationStatus.REVOKED);
        assertThat(rep.revokeBadge(Staff.ADMIN, badge.id(), "again").revocationReason())
                .isEqualTo("answer was plagiarised");
        assertThatThrownBy(() -> rep.revokeBadge(Staff.ADMIN, BadgeId.of("no-such-badge"), "x"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void issueBadge_whenAdminIssuesACreatorMilestone_issuesOncePerLearnerAndAchievement() {
        Learnloop learnloop = facade(ReputationPolicy.defaults());
        ReputationService rep = learnloop.reputation();
        Achievement hundred = new Achievement("hundred-learners", "A hundred learners",
                "A course of theirs reached a hundred learners.", "Had a hundred learners enrol in one course.");

        Badge first = rep.issueBadge(Staff.ADMIN, UserId.of("ada"), hundred);
        Badge again = rep.issueBadge(Staff.ADMIN, UserId.of("ada"), hundred);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(rep.badge(first.id())).isEqualTo(first);
        assertThat(rep.verifyBadge(first.jwt()).achievementName()).isEqualTo("A hundred learners");
        assertThatThrownBy(() -> rep.issueBadge(Actor.learner("lena"), LENA, hundred))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void publish_whenCreatorsFirstCourseGoesLive_issuesTheCourseCreatorBadge() {
        Learnloop learnloop = facade(ReputationPolicy.defaults());
        Actor ada = Actor.of("ada", io.learnloop.core.identity.Role.CREATOR);

        Catalogue.published(learnloop, ada, "First");
        Catalogue.published(learnloop, ada, "Second");
        learnloop.deliverEvents();

        assertThat(learnloop.reputation().badgesOf(ada.id(), null, 10).items()).singleElement()
                .satisfies(b -> assertThat(b.achievement()).isEqualTo(Achievement.COURSE_CREATOR.key()));
    }

    @Test
    void record_whenMentorRoleAndHelpfulPostCountAreReached_issuesTheirBadges() {
        ReputationService rep = facade(ReputationPolicy.defaults().withHelpfulPostsForBadge(2)
                .withRoles(List.of(new RoleThreshold(ReputationRole.COMMUNITY_MENTOR, 10)))).reputation();

        rep.record(helpful(LENA, TOM, "p1"));
        rep.record(helpful(LENA, KIM, "p2"));
        rep.record(helpful(LENA, RAY, "p3"));

        assertThat(rep.badgesOf(LENA, null, 10).items()).extracting(Badge::achievement)
                .containsExactlyInAnyOrder("helpful-posts-2", "community-mentor");
    }

    @Test
    void issueBadge_whenFacadeHasNoSigningKey_failsWithConfigurationButStillRecordsReputation() {
        ReputationService rep = facade(ReputationPolicy.defaults(), null).reputation();

        rep.record(ReputationAward.acceptedAnswer(LENA, TOM, "p1"));

        assertThat(rep.score(LENA).lifetimePoints()).isEqualTo(15);
        assertThat(rep.badgesOf(LENA, null, 10).items()).isEmpty();
        assertThatThrownBy(() -> rep.issueBadge(Staff.ADMIN, LENA, Achievement.COURSE_CREATOR))
                .isInstanceOfSatisfying(io.learnloop.core.error.LearnloopException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
    }

    // ---- helpers ----

    /** Runs the calls at once, each on its own thread, and returns what each returned or threw. */
    @SafeVarargs
    private static List<Object> race(Callable<Object>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return call.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
