package io.learnloop.community.internal.discourse;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests for the names and keys the Discourse backend derives (course group names, usernames, delivery
 * identities).
 *
 * <p>Thread-safe: stateless.
 */
final class Sha256 {
    private Sha256() {
    }

    static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "SHA-256 is unavailable in this JVM", e);
        }
    }

    static byte[] digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }
}
