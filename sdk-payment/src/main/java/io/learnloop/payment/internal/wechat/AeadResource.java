package io.learnloop.payment.internal.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.payment.internal.crypto.Crypto;
import io.learnloop.payment.internal.json.Json;

import java.nio.charset.StandardCharsets;

/**
 * The AEAD_AES_256_GCM envelope WeChat Pay uses for notification resources and downloaded platform certificates:
 * {@code {algorithm, nonce, associated_data, ciphertext}}, decrypted with the APIv3 key, the 128-bit tag appended
 * to the Base64 ciphertext. Stateless.
 */
public final class AeadResource {
    /** The only algorithm WeChat Pay APIv3 uses for encrypted resources. */
    public static final String ALGORITHM = "AEAD_AES_256_GCM";

    private AeadResource() {
    }

    /** Why an envelope could not be opened. */
    public enum Failure {
        /** The envelope is incomplete or names another algorithm. */
        MALFORMED,
        /** The ciphertext does not authenticate under the APIv3 key. */
        DECRYPTION_FAILED
    }

    /**
     * The plaintext, or why an envelope could not be opened.
     *
     * @param plaintext the decrypted bytes, or null on failure
     * @param failure   null on success, otherwise the kind of failure
     * @param problem   null on success, otherwise what is wrong (no secrets)
     */
    public record Opened(byte[] plaintext, Failure failure, String problem) {
        /**
         * Whether decryption and authentication succeeded.
         *
         * @return true if {@link #plaintext()} is set
         */
        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * Decrypts and authenticates an envelope.
     *
     * @param apiV3Key the 32-byte APIv3 key
     * @param envelope the JSON object with {@code algorithm}, {@code nonce}, {@code associated_data} and
     *                 {@code ciphertext}
     * @return the plaintext, or the problem
     */
    public static Opened open(byte[] apiV3Key, JsonNode envelope) {
        if (envelope == null || !envelope.isObject()) {
            return new Opened(null, Failure.MALFORMED, "the encrypted resource is missing");
        }
        String algorithm = Json.text(envelope, "algorithm");
        if (!ALGORITHM.equals(algorithm)) {
            return new Opened(null, Failure.MALFORMED, "unsupported resource algorithm " + algorithm);
        }
        String ciphertext = Json.text(envelope, "ciphertext");
        String nonce = Json.text(envelope, "nonce");
        String aad = Json.text(envelope, "associated_data");
        if (ciphertext == null || nonce == null) {
            return new Opened(null, Failure.MALFORMED, "the resource lacks ciphertext or nonce");
        }
        byte[] plain = Crypto.aesGcmDecrypt(apiV3Key, nonce.getBytes(StandardCharsets.UTF_8),
                aad == null ? new byte[0] : aad.getBytes(StandardCharsets.UTF_8), ciphertext);
        return plain == null
                ? new Opened(null, Failure.DECRYPTION_FAILED, "the resource could not be decrypted and authenticated with the APIv3 key")
                : new Opened(plain, null, null);
    }
}
