package io.learnloop.spring.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads RSA keys given as PEM text or as the bare Base64 that Alipay's and WeChat Pay's consoles show. */
final class Pem {
    private Pem() {
    }

    static PrivateKey privateKey(String text) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(text)));
    }

    static PublicKey publicKey(String text) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(text)));
    }

    private static byte[] der(String text) throws GeneralSecurityException {
        String base64 = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // the message would quote part of the key
            throw new GeneralSecurityException("not Base64");
        }
    }
}
