package io.learnloop.community;

import io.learnloop.core.error.ValidationException;

import java.util.List;

/**
 * A webhook delivery was refused because its body or one of its header values is over the receiver's
 * {@link WebhookLimits}. Nothing was verified, parsed or recorded. Answer {@code 413} (body) or {@code 431} (header);
 * the code is {@link io.learnloop.core.error.ErrorCode#VALIDATION_FAILED}, and {@link #fields()} names the part.
 *
 * <p>Thread-safe: immutable.
 */
public final class WebhookTooLargeException extends ValidationException {
    private static final long serialVersionUID = 1L;

    /** The part that was too large: {@code "body"} or {@code "header <name>"}. */
    private final String part;
    private final long sizeBytes;
    private final long limitBytes;

    /**
     * Creates the rejection.
     *
     * @param part       {@code "body"} or {@code "header <name>"}
     * @param sizeBytes  the part's size in bytes
     * @param limitBytes the limit it went over
     * @param setting    the setting that raises the limit, for the message
     */
    public WebhookTooLargeException(String part, long sizeBytes, long limitBytes, String setting) {
        super(List.of(new Violation(part, "is over the limit of " + limitBytes + " bytes (got " + sizeBytes
                + "); this is not a Discourse delivery, or raise WebhookLimits." + setting)));
        this.part = part;
        this.sizeBytes = sizeBytes;
        this.limitBytes = limitBytes;
    }

    /**
     * Which part was too large.
     *
     * @return {@code "body"} or {@code "header <name>"}
     */
    public String part() {
        return part;
    }

    /**
     * Whether the body (rather than a header value) was too large.
     *
     * @return true for the body
     */
    public boolean isBody() {
        return "body".equals(part);
    }

    /**
     * The part's size in bytes.
     *
     * @return the size
     */
    public long sizeBytes() {
        return sizeBytes;
    }

    /**
     * The limit in bytes.
     *
     * @return the limit
     */
    public long limitBytes() {
        return limitBytes;
    }
}
