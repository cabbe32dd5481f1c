package io.learnloop.core.credential;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies a certificate; the credential's {@code id} is {@code urn:uuid:} followed by it when it is a UUID.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record CertificateId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public CertificateId {
        Identifier.check("certificateId", value);
    }

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static CertificateId of(String value) {
        return new CertificateId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
