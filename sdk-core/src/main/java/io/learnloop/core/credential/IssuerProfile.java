package io.learnloop.core.credential;

import io.learnloop.core.error.Validator;

/**
 * The issuer named in every certificate: an Open Badges 3.0 {@code Profile}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id   an HTTPS URL or a DID identifying the issuer; verifiers resolve its keys from there
 * @param name the issuer's display name
 */
public record IssuerProfile(String id, String name) {
    /**
     * Validates.
     *
     * @param id   the id
     * @param name the name
     */
    public IssuerProfile {
        new Validator()
                .notBlank("issuer.id", id, 500)
                .check(id == null || id.startsWith("https://") || id.startsWith("did:"), "issuer.id",
                        "must be an HTTPS URL or a DID")
                .notBlank("issuer.name", name, 200)
                .throwIfInvalid();
    }
}
