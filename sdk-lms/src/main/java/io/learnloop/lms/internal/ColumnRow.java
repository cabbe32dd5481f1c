package io.learnloop.lms.internal;

import java.time.Instant;

/**
 * The gradebook column the tool created for one placed link at a platform that gave the launch a line items
 * container but no line item: written (without a URL) by the launch that claims the creation, before it asks the
 * platform, so concurrent launches of the link create one column; the URL is added once the platform answered.
 *
 * @param id        {@link Keys#of} issuer, client id, deployment, context and resource link
 * @param lineItems the context's line items container URL
 * @param lineItem  the created line item's URL, or null while its creation is under way
 * @param claimedAt when the creating launch claimed it (a claim that is old and still without a URL is taken over)
 */
record ColumnRow(String id, String lineItems, String lineItem, Instant claimedAt) {
    ColumnRow created(String url) {
        return new ColumnRow(id, lineItems, url, claimedAt);
    }

    ColumnRow reclaimed(Instant at) {
        return new ColumnRow(id, lineItems, null, at);
    }
}
