package io.learnloop.core.internal.store;

/**
 * One index key's entry: its committed rows and the last value derived from them. A commit that changes any of the
 * rows files a new entry, which starts without a value, so a remembered value can never outlive the rows it was
 * derived from; the rows themselves are a {@link PostingTree}, so the new entry shares all but one path of the old
 * one's tree.
 *
 * <p>Thread-safe: the rows are immutable, and the memo is a volatile reference to an immutable value.
 */
final class Postings {
    final PostingTree rows;
    /** The last derivation and its result; racy but safe, as a {@link Memo} is immutable. */
    volatile Memo memo;

    Postings(PostingTree rows) {
        this.rows = rows;
    }

    /**
     * A value derived from one {@link Postings}' rows by a derivation (compared by identity).
     *
     * @param derivation the function that derived it
     * @param value      the result
     */
    record Memo(Object derivation, Object value) {
    }
}
