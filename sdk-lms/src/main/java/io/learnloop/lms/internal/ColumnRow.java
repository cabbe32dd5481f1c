package io.learnloop.lms.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The gradebook column the tool creates for one placed link at a platform that gave the launch a line items
 * container but no line item. The first launch of the link writes it, without a URL, with what the column is to be;
 * the first score delivery for the link claims it, asks the platform for the column and adds its URL. The row's id
 * makes it one per link however many launches and deliveries meet.
 *
 * @param id             {@link Keys#of} issuer, client id, deployment, context and resource link
 * @param issuer         the platform's issuer
 * @param clientId       the tool's client id there
 * @param lineItems      the context's line items container URL
 * @param label          the column's label, the course title
 * @param resourceLinkId the placed link
 * @param resourceId     the Learnloop course the link opens
 * @param lineItem       the created line item's URL, or null until it is created
 * @param claimedAt      when a delivery claimed its creation, or null when none holds it (a claim that is old and
 *                       still without a URL is taken over)
 */
record ColumnRow(String id, String issuer, String clientId, String lineItems, String label, String resourceLinkId,
                 String resourceId, String lineItem, Instant claimedAt) {
    /** Whether the row says what to create: rows claimed by launches before columns were created on delivery do not. */
    boolean describesColumn() {
        return lineItem != null || (issuer != null && clientId != null && lineItems != null && label != null
                && resourceLinkId != null);
    }

    /** Whether this row is still the given claim, not yet created nor taken over (stores keep at least millis). */
    boolean isClaimOf(ColumnRow claim) {
        return lineItem == null && claimedAt != null && claim.claimedAt() != null
                && claimedAt.truncatedTo(ChronoUnit.MILLIS).equals(claim.claimedAt().truncatedTo(ChronoUnit.MILLIS));
    }

    ColumnRow created(String url) {
        return new ColumnRow(id, issuer, clientId, lineItems, label, resourceLinkId, resourceId, url, claimedAt);
    }

    ColumnRow claimed(Instant at) {
        return new ColumnRow(id, issuer, clientId, lineItems, label, resourceLinkId, resourceId, null, at);
    }

    ColumnRow released() {
        return claimed(null);
    }
}
