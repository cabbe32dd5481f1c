package io.learnloop.examples.quickstart;

import io.learnloop.core.Page;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads every page of a listing, for the demo's small platform (a host walks pages as its screen needs them).
 *
 * <p>Thread-safe: static functions only.
 */
public final class AllPages {
    private AllPages() {
    }

    /**
     * Every item of a listing.
     *
     * @param fetch reads the page after a cursor (null for the first)
     * @param <T>   the item type
     * @return the items of all pages, in order
     */
    public static <T> List<T> of(Function<String, Page<T>> fetch) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = fetch.apply(cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}
