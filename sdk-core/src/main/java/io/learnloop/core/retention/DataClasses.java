package io.learnloop.core.retention;

/**
 * The names of the data classes the SDK's modules prune, for {@link RetentionPolicy#retain} and
 * {@link RetentionPolicy#keep}.
 *
 * <p>Thread-safe: constants.
 */
public final class DataClasses {
    /** Delivered outbox events (sdk-core); while kept, a late re-publish of an event id is recognised. */
    public static final String OUTBOX = "outbox";
    /** xAPI statements an LRS accepted (sdk-lms); the statements themselves live on in the LRS. */
    public static final String XAPI_SENT = "xapi-sent";
    /** Stored responses of the HTTP API's {@code Idempotency-Key} header (sdk-rest). */
    public static final String REST_IDEMPOTENCY = "rest-idempotency";
    /**
     * Received payment provider notification records (sdk-payment): stripped to the key that recognises a late
     * redelivery, which stays.
     */
    public static final String PAYMENT_NOTIFICATIONS = "payment-notifications";

    private DataClasses() {
    }
}
