package io.learnloop.rest.internal;

import io.learnloop.core.Page;
import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.ChapterId;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.WatchedSegment;
import io.learnloop.core.review.RatingSummary;
import io.learnloop.core.review.Review;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.ProviderId;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The bodies this API reads and writes beyond the core's own records. */
final class Views {
    private Views() {
    }

    /** A course in the catalogue: its published details, never its draft or revenue shares. */
    record CourseSummary(CourseId id, int version, CourseDetails details, List<UserId> authors) {
        static CourseSummary of(Course c) {
            return new CourseSummary(c.id(), c.published().version(), c.published().details(), authorsOf(c));
        }
    }

    /** A lesson as the course page shows it: what it is, not where its content lies. */
    record LessonView(LessonId id, String title, LessonType type, Duration duration, boolean freePreview,
                      boolean optional) {
        static LessonView of(Lesson l) {
            return new LessonView(l.id(), l.title(), l.type(), l.duration(), l.freePreview(), l.optional());
        }
    }

    /** A chapter of the course page. */
    record ChapterView(ChapterId id, String title, List<LessonView> lessons) {
        static ChapterView of(Chapter c) {
            return new ChapterView(c.id(), c.title(), c.lessons().stream().map(LessonView::of).toList());
        }
    }

    /** The course page: the published course, its rating, the first page of reviews and the offers that sell it. */
    record CoursePage(CourseId id, int version, CourseDetails details, List<UserId> authors,
                      List<ChapterView> chapters, RatingSummary rating, Page<Review> reviews, List<OfferView> offers) {
        static CoursePage of(Course c, RatingSummary rating, Page<Review> reviews, List<Offer> offers) {
            return new CoursePage(c.id(), c.published().version(), c.published().details(), authorsOf(c),
                    c.published().chapters().stream().map(ChapterView::of).toList(), rating, reviews,
                    offers.stream().map(OfferView::of).toList());
        }
    }

    /**
     * An offer as a buyer reads it: the offer's own fields and, for a pay-per-outcome offer, the terms generated from
     * it (typed, and as English and Chinese sentences), so a front end never words them itself.
     */
    record OfferView(io.learnloop.core.commerce.OfferId id, UserId owner, io.learnloop.core.commerce.OfferKind kind,
                     String title, io.learnloop.core.money.Money price, List<CourseId> courses,
                     io.learnloop.core.commerce.MembershipTerms membership, boolean active, java.time.Instant createdAt,
                     io.learnloop.core.commerce.OutcomeCondition outcome,
                     io.learnloop.core.commerce.OutcomeTerms outcomeTerms) {
        static OfferView of(Offer o) {
            return new OfferView(o.id(), o.owner(), o.kind(), o.title(), o.price(), o.courses(), o.membership(),
                    o.active(), o.createdAt(), o.outcome(), o.outcomeTerms());
        }
    }

    private static List<UserId> authorsOf(Course c) {
        return c.authors().stream().map(a -> a.user()).toList();
    }

    /** A quiz as the course lists it: what it is and its rules, never a question or an answer. */
    record QuizSummary(QuizId id, LessonId lessonId, String title, boolean finalQuiz, int passingPercent,
                       int maxAttempts) {
        static QuizSummary of(Quiz q) {
            return new QuizSummary(q.id(), q.lessonId(), q.title(), q.settings().finalQuiz(),
                    q.settings().passingPercent(), q.settings().maxAttempts());
        }
    }

    /** What to buy: offers and coupon codes (quote and order). */
    record OrderBody(List<String> offers, List<String> coupons) {
    }

    /** How to pay an order. */
    record CheckoutBody(String provider, PaymentFlow flow, String description, String returnUrl, String cancelUrl,
                        String payerId) {
    }

    /**
     * What the front end needs to let the payer pay: a redirect or H5 URL, a QR code, Stripe's client secret,
     * WeChat Pay's JSAPI / mini-program / app parameters, Alipay's page/WAP form or Alipay's app order string, by
     * flow.
     */
    record Checkout(ProviderId provider, PaymentFlow flow, String merchantReference, String providerPaymentId,
                    String redirectUrl, String qrCode, String clientSecret, Map<String, String> wechatPay,
                    AlipayForm alipayForm, String alipayOrderString) {
        static Checkout of(PaymentSession s) {
            Map<String, String> wechat = s.jsapi() != null ? s.jsapi().asMap()
                    : s.app() != null ? s.app().asMap() : null;
            AlipayForm form = s.alipayForm() == null ? null
                    : new AlipayForm(s.alipayForm().action(), s.alipayForm().fields());
            String orderString = s.alipayAppOrder() == null ? null : s.alipayAppOrder().orderString();
            return new Checkout(s.provider(), s.flow(), s.merchantReference(), s.providerPaymentId(), s.redirectUrl(),
                    s.qrCode(), s.clientSecret(), wechat, form, orderString);
        }
    }

    /**
     * Alipay page or WAP pay as a form the browser posts: the signed action URL and the hidden fields
     * ({@code biz_content}); a front end that cannot post a form may follow {@code redirectUrl} instead.
     */
    record AlipayForm(String action, Map<String, String> fields) {
    }

    /** What a player watched since its last report. */
    record WatchBody(String deviceId, List<WatchedSegment> segments) {
    }

    /** A new community thread. */
    record NewTopic(String title, String markdown, boolean question) {
    }

    /** A reply in a thread; {@code replyToNumber} 0 answers the thread itself. */
    record NewPost(String markdown, int replyToNumber) {
    }

    /** A quiz submission: an answer per question id. */
    record Submission(Map<String, Answer> answers) {
    }

    /** A compact certificate credential to verify. */
    record VerifyBody(String credential) {
    }

    /**
     * One recommended course: its score (comparable only within one list) and why it was recommended.
     */
    record RecommendationView(CourseId courseId, double score, ExplanationView explanation) {
    }

    /**
     * The caller's "not interested" in a course.
     */
    record DismissalView(CourseId courseId, java.time.Instant dismissedAt) {
    }

    /**
     * Why a course was recommended: the kind of reason ({@code BECAUSE_YOU}, {@code POPULAR_IN},
     * {@code MATCHES_INTEREST}, {@code CONTINUE_LEARNING}, {@code NEW_COURSE}), the learner's course it relates to
     * and the category or interest term, each null when the reason has none, and an English sentence.
     */
    record ExplanationView(String reason, CourseId courseId, String topic, String text) {
    }

    /** A list that does not page (bounded per learner). */
    record Items<T>(List<T> items) {
    }
}
