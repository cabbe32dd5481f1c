package io.learnloop.community;

import java.util.List;
import java.util.Map;

/**
 * A community backend's error body, parsed. Discourse sends {@code {"errors":[...], "error_type":"...",
 * "extras":{...}}}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param errors    the messages, possibly empty; copied
 * @param errorType the backend's error type (for example {@code record_invalid}, {@code rate_limit}), or null
 * @param extras    further values as text (for example {@code wait_seconds}); copied
 */
public record RemoteErrorBody(List<String> errors, String errorType, Map<String, String> extras) {
    /** A body with nothing in it. */
    public static final RemoteErrorBody EMPTY = new RemoteErrorBody(List.of(), null, Map.of());

    /**
     * Copies the collections.
     *
     * @param errors    the messages
     * @param errorType the type
     * @param extras    the extras
     */
    public RemoteErrorBody {
        errors = errors == null ? List.of() : List.copyOf(errors);
        extras = extras == null ? Map.of() : Map.copyOf(extras);
    }
}
