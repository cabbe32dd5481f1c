package io.learnloop.lms;

/**
 * The verb, activity type and extension IRIs of the statements the SDK sends. Where ADL's xAPI vocabulary or cmi5
 * has a verb it is used; purchases, refunds and revoked certificates have none in either, so they use the SDK's own
 * extension IRIs under {@value #EXTENSION_BASE}, which never change meaning.
 *
 * <p>Thread-safe: constants only.
 */
public final class XapiVocabulary {
    /** The xAPI version sent in {@code X-Experience-API-Version}. */
    public static final String VERSION = "1.0.3";
    /** The base of the SDK's own extension IRIs. */
    public static final String EXTENSION_BASE = "https://learnloop.io/xapi/";

    /** The verb reserved by xAPI for voiding a statement (xAPI-Data 2.3.2), sent when a learner is erased. */
    public static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";
    /** ADL: a lesson or course was completed (also cmi5). */
    public static final String COMPLETED = "http://adlnet.gov/expapi/verbs/completed";
    /** ADL: a quiz attempt reached its pass mark (also cmi5). */
    public static final String PASSED = "http://adlnet.gov/expapi/verbs/passed";
    /** ADL: a quiz attempt missed its pass mark (also cmi5). */
    public static final String FAILED = "http://adlnet.gov/expapi/verbs/failed";
    /** The xAPI registry's verb for an award given to the learner: a certificate was issued. */
    public static final String EARNED = "http://id.tincanapi.com/verb/earned";
    /** Extension: the learner's certificate was revoked. */
    public static final String REVOKED = EXTENSION_BASE + "verbs/revoked";
    /** Extension: the learner paid for an order. */
    public static final String PURCHASED = EXTENSION_BASE + "verbs/purchased";
    /** Extension: an order of the learner was refunded, in part or in full. */
    public static final String REFUNDED = EXTENSION_BASE + "verbs/refunded";

    /** ADL activity type of a course. */
    public static final String COURSE = "http://adlnet.gov/expapi/activities/course";
    /** ADL activity type of a lesson. */
    public static final String LESSON = "http://adlnet.gov/expapi/activities/lesson";
    /** ADL activity type of a quiz. */
    public static final String ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment";
    /** Extension activity type of a certificate. */
    public static final String CERTIFICATE = EXTENSION_BASE + "activities/certificate";
    /** Extension activity type of an order. */
    public static final String ORDER = EXTENSION_BASE + "activities/order";

    /** Result extension: an amount in minor units of {@link #CURRENCY} (an order's total, a refund). */
    public static final String AMOUNT_MINOR = EXTENSION_BASE + "extensions/amount-minor";
    /** Result extension: the ISO 4217 currency of {@link #AMOUNT_MINOR}. */
    public static final String CURRENCY = EXTENSION_BASE + "extensions/currency";
    /** Context extension: the id of the domain event the statement was made from. */
    public static final String EVENT_ID = EXTENSION_BASE + "extensions/event-id";

    private XapiVocabulary() {
    }
}
