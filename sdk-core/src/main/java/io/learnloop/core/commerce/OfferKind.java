package io.learnloop.core.commerce;

/**
 * What an offer sells.
 *
 * <p>Thread-safe: an enum.
 */
public enum OfferKind {
    /** One course, for life. */
    COURSE,
    /** Several courses sold together at one price. */
    BUNDLE,
    /** A membership plan: every covered course for one period, renewed by buying again. */
    MEMBERSHIP
}
