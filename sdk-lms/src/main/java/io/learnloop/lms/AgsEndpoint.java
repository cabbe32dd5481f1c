package io.learnloop.lms;

import java.util.List;

/**
 * The Assignment and Grade Services endpoint of a launch, from the claim
 * {@code https://purl.imsglobal.org/spec/lti-ags/claim/endpoint}: where the tool may post scores.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param lineItems the line items container URL of the context, or null
 * @param lineItem  the line item (gradebook column) of the launched resource link, or null when the link has none
 * @param scopes    the scopes the platform grants the tool (copied)
 */
public record AgsEndpoint(String lineItems, String lineItem, List<String> scopes) {
    /** The scope that lets a tool post scores. */
    public static final String SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

    /**
     * Copies the scopes.
     *
     * @param lineItems the container URL
     * @param lineItem  the line item URL
     * @param scopes    the scopes
     */
    public AgsEndpoint {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /**
     * Whether scores can be posted for the launched link: it has a line item and the platform granted the score scope.
     *
     * @return true if scores can be posted
     */
    public boolean canPostScores() {
        return lineItem != null && scopes.contains(SCORE_SCOPE);
    }
}
