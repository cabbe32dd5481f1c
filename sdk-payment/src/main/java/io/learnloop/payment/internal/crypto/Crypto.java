package io.learnloop.payment.internal.crypto;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The cryptography the providers use: HMAC-SHA256, SHA256withRSA and AES-256-GCM, with constant-time comparison.
 * Stateless.
 */
public final class Crypto {
    private static final HexFormat HEX = HexFormat.of();
    private static final int GCM_TAG_BYTES = 16;

    private Crypto() {
    }

    /**
     * HMAC-SHA256 of the data as lowercase hex.
     *
     * @param key  the key bytes
     * @param data the data
     * @return lowercase hex
     */
    public static String hmacSha256Hex(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * Compares two texts in time independent of where they differ.
     *
     * @param a one text
     * @param b the other
     * @return true if equal
     */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * SHA256withRSA signature, Base64.
     *
     * @param key  the private key
     * @param data the data
     * @return the Base64 signature
     */
    public static String signSha256Rsa(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(data);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (InvalidKeyException e) {
            throw new LearnloopException(ErrorCode.CONFIGURATION, "The configured private key cannot sign with SHA256withRSA; use an RSA key", e);
        } catch (GeneralSecurityException e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "SHA256withRSA is not available in this JVM", e);
        }
    }

    /**
     * Verifies a Base64 SHA256withRSA signature. Malformed Base64 or a malformed signature is a failed
     * verification, never an exception.
     *
     * @param key       the public key
     * @param data      the signed data
     * @param signature the Base64 signature
     * @return true if valid
     */
    public static boolean verifySha256Rsa(PublicKey key, byte[] data, String signature) {
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(data);
            return s.verify(raw);
        } catch (SignatureException | InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "SHA256withRSA is not available in this JVM", e);
        }
    }

    /**
     * Decrypts AEAD_AES_256_GCM (128-bit tag appended to the ciphertext).
     *
     * @param key            the 32-byte key
     * @param nonce          the nonce (UTF-8 text, 12 bytes for WeChat Pay)
     * @param associatedData the associated data, may be empty
     * @param ciphertextB64  the Base64 ciphertext with tag
     * @return the plaintext, or null if the data cannot be authenticated or decoded
     */
    public static byte[] aesGcmDecrypt(byte[] key, byte[] nonce, byte[] associatedData, String ciphertextB64) {
        try {
            byte[] ct = Base64.getDecoder().decode(ciphertextB64);
            if (ct.length < GCM_TAG_BYTES || nonce.length == 0) {
                // the JDK's GCM throws ProviderException, not AEADBadTagException, for input shorter than the tag
                return null;
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(GCM_TAG_BYTES * 8, nonce));
            if (associatedData.length > 0) {
                c.updateAAD(associatedData);
            }
            return c.doFinal(ct);
        } catch (IllegalArgumentException | AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /**
     * Encrypts AEAD_AES_256_GCM (for the sandbox and test tooling).
     *
     * @param key            the 32-byte key
     * @param nonce          the nonce
     * @param associatedData the associated data
     * @param plaintext      the plaintext
     * @return Base64 of ciphertext with the tag appended
     */
    public static String aesGcmEncrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(GCM_TAG_BYTES * 8, nonce));
            if (associatedData.length > 0) {
                c.updateAAD(associatedData);
            }
            return Base64.getEncoder().encodeToString(c.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "AES/GCM/NoPadding is not available in this JVM", e);
        }
    }
}
