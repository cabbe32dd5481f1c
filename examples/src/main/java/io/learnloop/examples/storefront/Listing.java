package io.learnloop.examples.storefront;

import io.learnloop.core.store.AggregateType;

/**
 * What the shop sells for one course: the storefront's own aggregate, kept in the same store as the SDK's data, so
 * a restart on the embedded database finds the offers again.
 *
 * @param courseId the course
 * @param offerId  the offer that sells it on its own
 */
record Listing(String courseId, String offerId) {
    /** Listings by course id. */
    static final AggregateType<Listing> TYPE = AggregateType.builder("storefront_listing", Listing.class, Listing::courseId).build();
}
