package io.learnloop.core.store;

import java.time.Instant;

/**
 * Fixed-width sort keys for sorted indexes, whose keys compare as strings: numbers and instants are written so that
 * string order is numeric order.
 *
 * <p>Thread-safe: static functions only.
 */
public final class SortKeys {
    /** The code of the character between a sort key and the id in a position. */
    public static final int SEPARATOR_CODE = 1;
    /** The character between a sort key and the id in a position; it sorts before every printable character. */
    public static final char SEPARATOR = (char) SEPARATOR_CODE;

    /** Shifts epoch microseconds so every instant from year -290,000 on is a non-negative 19-digit number. */
    private static final long MICROS_OFFSET = 9_000_000_000_000_000_000L;

    private SortKeys() {
    }

    /**
     * An instant as a 19-digit key in microseconds; instants sort as they follow in time.
     *
     * @param instant the instant
     * @return the key
     */
    public static String instant(Instant instant) {
        long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        return number(micros + MICROS_OFFSET);
    }

    /**
     * The instant a key made by {@link #instant} (or a position that starts with one) stands for.
     *
     * @param key the key or position
     * @return the instant, to the microsecond
     * @throws io.learnloop.core.error.ValidationException if it does not start with an instant key
     */
    public static Instant instantOf(String key) {
        if (key == null || key.length() < 19 || !key.substring(0, 19).chars().allMatch(Character::isDigit)) {
            throw io.learnloop.core.error.ValidationException.of("cursor", "is not a position of a time-ordered listing");
        }
        long micros = Long.parseLong(key.substring(0, 19)) - MICROS_OFFSET;
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /**
     * A non-negative number as a 19-digit key.
     *
     * @param value the number, not negative
     * @return the key
     */
    public static String number(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("sort keys of numbers must not be negative (was " + value + ")");
        }
        String digits = Long.toString(value);
        return "0".repeat(19 - digits.length()) + digits;
    }

    /**
     * The smallest position above every position that starts with {@code sortKey}: the exclusive upper bound of a
     * range that includes the sort key itself.
     *
     * @param sortKey the sort key
     * @return the bound
     */
    public static String after(String sortKey) {
        return sortKey + (char) (SEPARATOR + 1);
    }
}
