package io.learnloop.payment.spi;

import io.learnloop.payment.PaymentFlow;

/**
 * What a provider can do, so a host can choose flows and hide buttons a provider does not support.
 *
 * <p>Thread-safe: an enum.
 */
public enum Capability {
    /** {@link PaymentFlow#REDIRECT} payments. */
    REDIRECT,
    /** {@link PaymentFlow#QR_CODE} payments. */
    QR_CODE,
    /** {@link PaymentFlow#CLIENT_SECRET} payments. */
    CLIENT_SECRET,
    /** {@link PaymentFlow#JSAPI} payments. */
    JSAPI,
    /** {@link PaymentFlow#MINI_PROGRAM} payments. */
    MINI_PROGRAM,
    /** {@link PaymentFlow#H5} payments. */
    H5,
    /** {@link PaymentFlow#APP} payments. */
    APP,
    /** {@link PaymentFlow#WAP} payments. */
    WAP,
    /** Querying a payment's state. */
    QUERY,
    /** Closing an unpaid payment so it can no longer be paid. */
    CLOSE,
    /** Refunding part of a payment, several times. */
    PARTIAL_REFUND,
    /** Signed asynchronous notifications. */
    NOTIFICATIONS,
    /** A provider-honoured idempotency key on every mutating call. */
    IDEMPOTENCY_KEYS;

    /**
     * The capability needed to create a payment with the given flow.
     *
     * @param flow the flow
     * @return the matching capability
     */
    public static Capability of(PaymentFlow flow) {
        return switch (flow) {
            case REDIRECT -> REDIRECT;
            case QR_CODE -> QR_CODE;
            case CLIENT_SECRET -> CLIENT_SECRET;
            case JSAPI -> JSAPI;
            case MINI_PROGRAM -> MINI_PROGRAM;
            case H5 -> H5;
            case APP -> APP;
            case WAP -> WAP;
        };
    }
}
