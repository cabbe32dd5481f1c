package io.learnloop.core.store;

import io.learnloop.core.error.Validator;

/**
 * One additive counter of the store: a {@code family} (what is counted, for example a ledger balance), a
 * {@code group} within it (whose, for example one account in one currency) and a {@code member} of the group (a
 * stripe, or a day and a stripe). Members of a group are read in code-point order of their names, so a member name
 * that starts with a sortable prefix (an ISO date) reads as a range.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param family what is counted, 1 to {@value #MAX_FAMILY} characters
 * @param group  whose count, 1 to {@value #MAX_GROUP} characters
 * @param member the part of the group, 1 to {@value #MAX_MEMBER} characters
 */
public record CounterKey(String family, String group, String member) {
    /** The longest family name a store keeps. */
    public static final int MAX_FAMILY = 64;
    /** The longest group name a store keeps. */
    public static final int MAX_GROUP = 512;
    /** The longest member name a store keeps. */
    public static final int MAX_MEMBER = 255;

    /**
     * Validates.
     *
     * @param family what is counted
     * @param group  whose count
     * @param member the part of the group
     */
    public CounterKey {
        Validator v = new Validator();
        check(v, "family", family, MAX_FAMILY);
        check(v, "group", group, MAX_GROUP);
        check(v, "member", member, MAX_MEMBER);
        v.throwIfInvalid();
    }

    static void check(Validator v, String field, String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max) {
            v.check(false, "counter." + field,
                    "must be 1 to " + max + " characters" + (value == null ? "" : " (was " + value.length() + ")"));
        }
    }
}
