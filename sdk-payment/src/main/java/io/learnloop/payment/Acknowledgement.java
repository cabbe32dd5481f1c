package io.learnloop.payment;

/**
 * The HTTP response a host's webhook endpoint returns to the provider. Alipay wants the literal body
 * {@code success}; WeChat Pay wants 200/204 (a failure is 4xx/5xx with {@code {"code":"FAIL",…}}); Stripe wants any
 * 2xx.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param httpStatus  the status code to send
 * @param contentType the content type of the body, or null when the body is empty
 * @param body        the body text, empty for none
 */
public record Acknowledgement(int httpStatus, String contentType, String body) {
    /**
     * Normalises the body.
     *
     * @param httpStatus  the status
     * @param contentType the content type or null
     * @param body        the body or null
     */
    public Acknowledgement {
        body = body == null ? "" : body;
    }

    /**
     * Whether this acknowledgement tells the provider the delivery was accepted.
     *
     * @return true for a 2xx status
     */
    public boolean accepted() {
        return httpStatus >= 200 && httpStatus < 300;
    }
}
