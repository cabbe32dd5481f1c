package io.learnloop.core.credential;

import io.learnloop.core.error.Validator;

import java.time.Duration;

/**
 * How certificates are issued.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param issuer          the issuer profile
 * @param rule            when a certificate is earned
 * @param validity        how long a certificate is valid, or null for no end (default null)
 * @param subjectIdPrefix prefixed to the learner's id to form {@code credentialSubject.id}
 *                        (default {@code urn:learnloop:learner:})
 * @param statusListUrl   the URL where the host serves the revocation list, named in {@code credentialStatus}, or
 *                        null to leave {@code credentialStatus} out (default null)
 */
public record CertificatePolicy(IssuerProfile issuer, CompletionRule rule, Duration validity, String subjectIdPrefix,
                                String statusListUrl) {
    /**
     * Validates.
     *
     * @param issuer          the issuer
     * @param rule            the rule
     * @param validity        the validity
     * @param subjectIdPrefix the prefix
     * @param statusListUrl   the status list URL
     */
    public CertificatePolicy {
        new Validator()
                .notNull("issuer", issuer)
                .notNull("rule", rule)
                .check(validity == null || (!validity.isNegative() && !validity.isZero()), "validity",
                        "must be positive, or null for no end")
                .notBlank("subjectIdPrefix", subjectIdPrefix, 200)
                .check(statusListUrl == null || statusListUrl.startsWith("https://"), "statusListUrl",
                        "must be an HTTPS URL or null")
                .throwIfInvalid();
    }

    /**
     * The defaults for an issuer: the default rule, no end of validity, {@code urn:learnloop:learner:} subjects,
     * no status list.
     *
     * @param issuer the issuer
     * @return the policy
     */
    public static CertificatePolicy defaults(IssuerProfile issuer) {
        return new CertificatePolicy(issuer, CompletionRule.defaults(), null, "urn:learnloop:learner:", null);
    }

    /**
     * A copy with another validity.
     *
     * @param validity the validity, or null
     * @return the copy
     */
    public CertificatePolicy withValidity(Duration validity) {
        return new CertificatePolicy(issuer, rule, validity, subjectIdPrefix, statusListUrl);
    }

    /**
     * A copy with another rule.
     *
     * @param rule the rule
     * @return the copy
     */
    public CertificatePolicy withRule(CompletionRule rule) {
        return new CertificatePolicy(issuer, rule, validity, subjectIdPrefix, statusListUrl);
    }

    /**
     * A copy naming a revocation list URL.
     *
     * @param url the URL
     * @return the copy
     */
    public CertificatePolicy withStatusListUrl(String url) {
        return new CertificatePolicy(issuer, rule, validity, subjectIdPrefix, url);
    }
}
