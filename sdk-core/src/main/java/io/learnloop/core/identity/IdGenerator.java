package io.learnloop.core.identity;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes new ids. Services take ids only from the generator the facade was built with, so tests can be exact.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface IdGenerator {
    /**
     * Returns a new id, unique within this generator.
     *
     * @return the id
     */
    String newId();

    /**
     * Random version-4 UUIDs from a {@link SecureRandom}; the default.
     *
     * @return a thread-safe generator
     */
    static IdGenerator randomUuids() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] b = new byte[16];
            synchronized (random) {
                random.nextBytes(b);
            }
            b[6] = (byte) ((b[6] & 0x0f) | 0x40);
            b[8] = (byte) ((b[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (b[i] & 0xff);
                lsb = (lsb << 8) | (b[i + 8] & 0xff);
            }
            return new UUID(msb, lsb).toString();
        };
    }

    /**
     * Ids {@code prefix-1}, {@code prefix-2}, ...; for tests and demos.
     *
     * @param prefix the prefix
     * @return a thread-safe generator
     */
    static IdGenerator sequential(String prefix) {
        AtomicLong next = new AtomicLong();
        return () -> prefix + "-" + next.incrementAndGet();
    }
}
