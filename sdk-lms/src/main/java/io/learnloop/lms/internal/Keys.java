package io.learnloop.lms.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Store ids made from several natural parts (issuer, client id, deployment, subject): a SHA-256 over the parts, so an
 * id has a fixed length whatever a platform sends and no separator inside a part can make two tuples collide.
 *
 * <p>Thread-safe: static functions only.
 */
final class Keys {
    private Keys() {
    }

    static String of(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                // The length first: ("ab", "c") and ("a", "bc") hash differently.
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
