package io.learnloop.examples.storefront;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/**
 * Fresh RSA keys for the LTI roles (LTI 1.3 signs with RS256). One per start: platforms and tools fetch the public
 * half from the JWKS URL, so a restart needs no re-registration.
 */
final class RsaKeys {
    private RsaKeys() {
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a 2048-bit RSA key", e);
        }
    }
}
