package io.learnloop.core.path;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import java.util.List;

/**
 * A prerequisite declaration was refused because it would close a cycle (a course, or a lesson, that would require
 * itself, directly or through others). Nothing was stored. Error code {@link ErrorCode#PREREQUISITE_CYCLE}.
 *
 * <p>Thread-safe: immutable.
 */
public final class PrerequisiteCycleException extends LearnloopException {
    private static final long serialVersionUID = 1L;

    /** The ids on the cycle, as an array so that the exception stays serializable. */
    private final String[] cycle;

    /**
     * Creates the exception.
     *
     * @param kind  "course" or "lesson"
     * @param cycle the ids on the cycle, starting and ending with the declared one
     */
    public PrerequisiteCycleException(String kind, List<String> cycle) {
        super(ErrorCode.PREREQUISITE_CYCLE, "Refused: the " + kind + " prerequisites would form a cycle "
                + String.join(" -> ", cycle) + " (each requires the next); drop one of these requirements.");
        this.cycle = cycle.toArray(String[]::new);
    }

    /**
     * The cycle the declaration would have closed, starting and ending with the declared course or lesson.
     *
     * @return the ids, in requirement order
     */
    public List<String> cycle() {
        return List.of(cycle);
    }
}
