package io.learnloop.examples.storefront;

import io.learnloop.core.credential.SigningKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The certificate issuer's ES256 key. In memory a fresh key per start; with a data folder the key is kept beside the
 * database (PKCS#8 and X.509 DER files), so certificates issued before a restart still verify after it.
 */
final class IssuerKeys {
    static final String KID = "storefront-es256-1";

    private IssuerKeys() {
    }

    static SigningKey load(Path folder) {
        try {
            if (folder == null) {
                return SigningKey.of(KID, generate());
            }
            Path priv = folder.resolve("issuer-key.p8");
            Path pub = folder.resolve("issuer-key.pub");
            if (Files.exists(priv) && Files.exists(pub)) {
                KeyFactory ec = KeyFactory.getInstance("EC");
                KeyPair pair = new KeyPair(ec.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub))),
                        ec.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv))));
                return SigningKey.of(KID, pair);
            }
            KeyPair pair = generate();
            Files.createDirectories(folder);
            Files.write(pub, pair.getPublic().getEncoded());
            Files.write(priv, pair.getPrivate().getEncoded());
            return SigningKey.of(KID, pair);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the issuer key in " + folder, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make or read the issuer's EC P-256 key", e);
        }
    }

    private static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
