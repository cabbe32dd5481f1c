package io.learnloop.lms.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Statement ids as name-based UUIDs (version 5, RFC 9562 §5.5): the same tenant, event and LRS always give the same
 * id, so however often an event is delivered or a statement sent, the LRS sees one id and stores one statement.
 *
 * <p>Thread-safe: static functions only.
 */
final class StatementIds {
    /** The namespace of Learnloop statement ids (a fixed random UUID). */
    private static final UUID NAMESPACE = UUID.fromString("5d0c3f5e-8a8e-4c41-9b0e-1f7b8e4c2a61");

    private StatementIds() {
    }

    static String of(String tenant, String eventId, String lrs) {
        return v5(NAMESPACE, Keys.of(tenant, eventId, lrs)).toString();
    }

    /** The id of the statement that voids another: one per voided statement, however often an erasure runs. */
    static String voiding(String voidedId) {
        return v5(NAMESPACE, Keys.of("voided", voidedId)).toString();
    }

    static UUID v5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            sha1.update(name.getBytes(StandardCharsets.UTF_8));
            byte[] h = sha1.digest();
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-1", e);
        }
    }
}
