package io.learnloop.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The counter additions of one unit of work that are not committed yet, for {@link Store} implementations: it sums
 * additions per counter, lays them over what a store read of a counter group returned, and hands them to the commit
 * in one fixed order (family, group, member), so two commits that add to the same counters lock them in the same
 * order and cannot deadlock on them.
 *
 * <p>Not thread-safe: owned by one unit of work.
 */
public final class PendingCounters {
    /** family NUL group NUL member -> the summed addition; sorted, which is the commit order. */
    private final TreeMap<String, Pending> pending = new TreeMap<>();

    /** Starts with nothing pending. */
    public PendingCounters() {
        // a unit of work creates one on its first addition
    }

    /** One counter's summed, uncommitted addition. */
    private static final class Pending {
        final CounterKey key;
        long delta;

        Pending(CounterKey key) {
            this.key = key;
        }
    }

    /**
     * Records an addition.
     *
     * @param key   the counter
     * @param delta the amount
     */
    public void add(CounterKey key, long delta) {
        Objects.requireNonNull(key, "key");
        Pending p = pending.computeIfAbsent(sortKey(key.family(), key.group(), key.member()), k -> new Pending(key));
        p.delta = Math.addExact(p.delta, delta);
    }

    /**
     * Whether nothing was added.
     *
     * @return true when there is nothing to commit
     */
    public boolean isEmpty() {
        return pending.isEmpty();
    }

    /**
     * The summed additions in commit order, zero sums included (they still create the counter).
     *
     * @return counter -> addition
     */
    public Map<CounterKey, Long> inCommitOrder() {
        Map<CounterKey, Long> out = new java.util.LinkedHashMap<>();
        for (Pending p : pending.values()) {
            out.put(p.key, p.delta);
        }
        return out;
    }

    /**
     * Lays this work's additions over a read of committed counters.
     *
     * @param family    what is counted
     * @param group     whose count
     * @param after     the read's exclusive lower bound, or null
     * @param limit     the read's limit
     * @param committed what the store read for the same arguments, in member order
     * @return the members as this unit of work sees them, in member order, at most {@code limit}
     */
    public List<Counter> overlay(String family, String group, String after, int limit, List<Counter> committed) {
        if (pending.isEmpty()) {
            return committed;
        }
        String prefix = sortKey(family, group, "");
        String from = after == null ? prefix : prefix + after;
        Map<String, Pending> mine = pending.subMap(from, after == null, prefix + Character.MAX_VALUE, false);
        if (mine.isEmpty()) {
            return committed;
        }
        TreeMap<String, Long> merged = new TreeMap<>();
        for (Counter c : committed) {
            merged.put(c.member(), c.value());
        }
        for (Pending p : mine.values()) {
            merged.merge(p.key.member(), p.delta, Math::addExact);
        }
        List<Counter> out = new ArrayList<>(Math.min(limit, merged.size()));
        for (Map.Entry<String, Long> e : merged.entrySet()) {
            if (out.size() == limit) {
                break;
            }
            out.add(new Counter(e.getKey(), e.getValue()));
        }
        return out;
    }

    /**
     * Checks the arguments of a counter group read.
     *
     * @param family what is counted
     * @param group  whose count
     * @param after  the exclusive lower bound, or null
     * @param limit  the limit
     */
    public static void checkRead(String family, String group, String after, int limit) {
        io.learnloop.core.error.Validator v = new io.learnloop.core.error.Validator();
        CounterKey.check(v, "family", family, CounterKey.MAX_FAMILY);
        CounterKey.check(v, "group", group, CounterKey.MAX_GROUP);
        v.check(after == null || after.length() <= CounterKey.MAX_MEMBER, "after",
                "must be at most " + CounterKey.MAX_MEMBER + " characters");
        v.check(limit >= 1 && limit <= IndexRange.MAX_LIMIT, "limit",
                "must be 1 to " + IndexRange.MAX_LIMIT + " (was " + limit + ")");
        v.throwIfInvalid();
    }

    private static String sortKey(String family, String group, String member) {
        return family + '\0' + group + '\0' + member;
    }
}
