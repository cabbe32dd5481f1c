package io.learnloop.core.commerce;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;

import java.util.List;

/**
 * A coupon given with an order cannot be used. The field names the coupon's position ({@code coupons[1]}) and
 * {@link #reason()} says why. Nothing was stored.
 *
 * <p>Thread-safe: immutable.
 */
public final class CouponRejectedException extends ValidationException {
    private static final long serialVersionUID = 1L;

    private final CouponRejection reason;
    private final String couponCode;

    /**
     * Creates the exception.
     *
     * @param field      the coupon's field, for example {@code coupons[0]}
     * @param couponCode the code as given
     * @param reason     why it was refused
     * @param problem    what is wrong, for people
     */
    public CouponRejectedException(String field, String couponCode, CouponRejection reason, String problem) {
        super(ErrorCode.VALIDATION_FAILED, List.of(new Violation(field, "coupon '" + couponCode + "' " + problem)));
        this.reason = reason;
        this.couponCode = couponCode;
    }

    /**
     * Why the coupon was refused.
     *
     * @return the reason
     */
    public CouponRejection reason() {
        return reason;
    }

    /**
     * The coupon's code as given.
     *
     * @return the code
     */
    public String couponCode() {
        return couponCode;
    }
}
