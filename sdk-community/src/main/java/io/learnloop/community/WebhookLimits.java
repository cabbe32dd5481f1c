package io.learnloop.community;

import io.learnloop.core.error.Validator;

/**
 * The largest webhook delivery {@link DiscourseWebhooks} looks at. A delivery over a limit is refused with a
 * {@link WebhookTooLargeException} before its signature is computed or its body parsed, so an oversized request
 * costs no HMAC and no JSON work. The defaults leave ample room: Discourse's largest payloads (a post with its raw
 * Markdown, capped by {@code max_post_length}) stay well under 256 KiB, and its headers are short.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param maxBodyBytes        the most body bytes accepted, at least 1
 * @param maxHeaderValueBytes the most bytes (UTF-8) of any one header value, at least 1
 */
public record WebhookLimits(int maxBodyBytes, int maxHeaderValueBytes) {
    /** The default body limit: 256 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    /** The default limit of one header value: 8 KiB. */
    public static final int DEFAULT_MAX_HEADER_VALUE_BYTES = 8 * 1024;

    /**
     * Checks both limits.
     *
     * @param maxBodyBytes        the body limit
     * @param maxHeaderValueBytes the header value limit
     * @throws io.learnloop.core.error.ValidationException naming each limit below 1
     */
    public WebhookLimits {
        new Validator()
                .check(maxBodyBytes >= 1, "maxBodyBytes", "must be at least 1")
                .check(maxHeaderValueBytes >= 1, "maxHeaderValueBytes", "must be at least 1")
                .throwIfInvalid();
    }

    /**
     * The defaults: {@value #DEFAULT_MAX_BODY_BYTES} body bytes and {@value #DEFAULT_MAX_HEADER_VALUE_BYTES} bytes per
     * header value.
     *
     * @return the default limits
     */
    public static WebhookLimits defaults() {
        return new WebhookLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_HEADER_VALUE_BYTES);
    }
}
