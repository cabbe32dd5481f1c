package io.learnloop.payment.internal.apple;

import io.learnloop.payment.apple.AppleRejection;

/**
 * Signed data from Apple that failed a check; carried to the caller, which turns it into a typed rejection (a
 * notification) or a remote failure (a look-up). Never leaves the SDK.
 */
public final class AppleVerificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    private final AppleRejection reason;

    /**
     * Creates the failure.
     *
     * @param reason why
     * @param detail what failed, without signatures or keys
     */
    public AppleVerificationException(AppleRejection reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /**
     * Why the data was rejected.
     *
     * @return the reason
     */
    public AppleRejection reason() {
        return reason;
    }
}
