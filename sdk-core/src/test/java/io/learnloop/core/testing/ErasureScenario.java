package io.learnloop.core.testing;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.reputation.CouponReward;
import io.learnloop.core.reputation.ReputationAward;
import io.learnloop.core.reputation.ReputationPolicy;
import io.learnloop.core.reputation.ReputationRole;
import io.learnloop.core.reputation.RoleThreshold;
import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.assessment.QuizView;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.NoteAnchor;
import io.learnloop.core.learning.NoteDraft;
import io.learnloop.core.learning.NoteVisibility;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.core.privacy.ConsentDecision;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.core.review.ReviewDraft;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.store.Store;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * A platform where two learners touched every service of sdk-core (bought, were refunded, studied, wrote notes and
 * reviews, answered a quiz in their own words, earned a certificate, gave consent, voted on each other's review),
 * for the erasure tests on every store. Each learner's identifying values are distinctive strings, so a scan of the
 * store's raw contents finds them wherever they are kept.
 */
public final class ErasureScenario {
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final KeyPair KEYS = keys();

    /** The learner who is erased. */
    public final Person lena;
    /** The learner who stays. */
    public final Person tom;
    /** The platform. */
    public final Learnloop learnloop;
    /** The course both took. */
    public final Course course;

    /**
     * One learner and what identifies them.
     *
     * @param id          their id
     * @param noteText    the text of their note
     * @param reviewTitle the title of their review
     * @param reviewBody  the body of their review
     * @param quizAnswer  their free-text quiz answer
     * @param refundNote  why the money desk refunded them
     */
    public record Person(UserId id, String noteText, String reviewTitle, String reviewBody, String quizAnswer,
                         String refundNote) {
        /**
         * Every value that identifies the person.
         *
         * @return the values
         */
        public List<String> identifying() {
            return List.of(id.value(), noteText, reviewTitle, reviewBody, quizAnswer, refundNote);
        }

        static Person named(String id) {
            return new Person(UserId.of(id), "note-text-of-" + id, "review-title-of-" + id, "review-body-of-" + id,
                    "quiz-words-of-" + id, "refund-note-for-" + id);
        }

        Actor actor() {
            return Actor.learner(id.value());
        }
    }

    /**
     * Builds the platform on a store, with the modules' extra steps added by the caller.
     *
     * @param store   the store
     * @param clock   the clock
     * @param builder more configuration (modules' sections and erasure steps), or null
     */
    public ErasureScenario(Store store, MutableClock clock, java.util.function.Consumer<Learnloop.Builder> builder) {
        String suffix = Long.toHexString(System.nanoTime() & 0xffffffL);
        this.lena = Person.named("lena-" + suffix);
        this.tom = Person.named("tom-" + suffix);
        Learnloop.Builder b = Learnloop.builder().store(store).clock(clock).idGenerator(IdGenerator.randomUuids())
                .certificates(CertificatePolicy.defaults(new IssuerProfile("https://school.example", "School")),
                        SigningKey.of("k1", KEYS))
                .revenue(new RevenuePolicy(2000, 0, 0),
                        (order, line) -> new LineParties(List.of(CreatorShare.of("ada", 1)), List.of()))
                .reputationPolicy(ReputationPolicy.defaults()
                        .withRoles(List.of(new RoleThreshold(ReputationRole.COMMUNITY_MENTOR, 10)))
                        .withCoupons(List.of(CouponReward.percent("helper", 10, 1000, Duration.ofDays(30)))));
        if (builder != null) {
            builder.accept(b);
        }
        this.learnloop = b.build();
        Course draft = learnloop.catalog().createCourse(ADA, new CourseDetails("Bread", "Sourdough", "A description",
                "en", "cooking", List.of("bread"), CourseLevel.BEGINNER, "media://cover/1"));
        Chapter chapter = learnloop.catalog().addChapter(ADA, draft.id(), "Basics");
        Lesson article = learnloop.catalog().addLesson(ADA, draft.id(), chapter.id(),
                new LessonSpec("starter", LessonType.ARTICLE, Duration.ofSeconds(40), false, "media://a/1"));
        learnloop.catalog().submit(ADA, draft.id());
        this.course = learnloop.catalog().approve(Catalogue.REVIEWER, draft.id());
        Offer offer = learnloop.commerce().createOffer(ADA, OfferDraft.course("Bread", Money.parse("49.00", "CNY"),
                course.id()));
        Offer extra = learnloop.commerce().createOffer(ADA, OfferDraft.course("Bread again",
                Money.parse("19.00", "CNY"), course.id()));
        Quiz quiz = learnloop.quizzes().create(ADA, new QuizDraft(course.id(), article.id(), "Rivers",
                List.of(Question.fillIn("river", "Which river flows through Paris?", List.of("Seine"), 2)),
                QuizSettings.defaults()));
        for (Person p : List.of(lena, tom)) {
            Order order = learnloop.commerce().placeOrder(p.actor(), PlaceOrder.of("k1", offer.id()));
            learnloop.settlement().settle(Staff.FINANCE, new PaymentConfirmation(order.id(), "bank-transfer",
                    "t-1-" + order.id().value(), order.total()));
            Order second = learnloop.commerce().placeOrder(p.actor(), PlaceOrder.of("k2", extra.id()));
            learnloop.settlement().settle(Staff.FINANCE, new PaymentConfirmation(second.id(), "bank-transfer",
                    "t-2-" + second.id().value(), second.total()));
            learnloop.settlement().refund(Staff.FINANCE, second.id(), new RefundRequest("r-1",
                    List.of(LineAmount.of(1, second.total())), p.refundNote()));
            learnloop.consents().record(p.actor(), p.id(), ConsentDecision.grant(ConsentPurpose.TERMS, "v1",
                    "signup"));
            learnloop.progress().openArticle(p.id(), article.id());
            clock.advance(Duration.ofSeconds(30));
            learnloop.progress().markRead(p.id(), article.id());
            learnloop.notes().add(p.id(), article.id(), new NoteDraft(NoteAnchor.textRange(0, 5), p.noteText(),
                    NoteVisibility.SHARED));
            QuizView attempt = learnloop.quizzes().start(p.id(), quiz.id());
            learnloop.quizzes().submit(p.id(), attempt.attemptId(), Map.of(attempt.questions().get(0).key(),
                    Answer.text(p.quizAnswer())));
            learnloop.recall().recordAttempt(p.id(), attempt.attemptId());
            Certificate certificate = learnloop.certificates().issue(p.id(), course.id());
            if (certificate == null) {
                throw new IllegalStateException("no certificate");
            }
            learnloop.reviews().submit(p.id(), course.id(), new ReviewDraft(5, p.reviewTitle(), p.reviewBody()));
        }
        learnloop.reviews().voteHelpful(tom.id(), learnloop.reviews().reviewOf(lena.id(), course.id()).orElseThrow()
                .id());
        learnloop.reviews().voteHelpful(lena.id(), learnloop.reviews().reviewOf(tom.id(), course.id()).orElseThrow()
                .id());
        // reputation both ways; lena's accepted answer also earns her a role, a coupon and badges
        learnloop.reputation().markNoteHelpful(tom.id(), learnloop.notes().list(lena.id()).get(0).id());
        learnloop.reputation().markNoteHelpful(lena.id(), learnloop.notes().list(tom.id()).get(0).id());
        learnloop.reputation().record(ReputationAward.acceptedAnswer(lena.id(), tom.id(), "answer-1"));
        learnloop.deliverEvents();
    }

    /**
     * Every balance of the revenue ledger, in CNY.
     *
     * @return the balances
     */
    public List<Balance> balances() {
        List<Balance> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Balance> page = learnloop.ledger().balances(Staff.FINANCE, CNY, cursor, 100);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps {@link Instant} in use for callers that advance the clock. */
    static Instant start() {
        return Instant.parse("2026-05-01T08:00:00Z");
    }
}
