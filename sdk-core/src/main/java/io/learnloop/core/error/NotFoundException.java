package io.learnloop.core.error;

/**
 * The addressed entity does not exist (in this tenant).
 *
 * <p>Thread-safe: immutable.
 */
public final class NotFoundException extends LearnloopException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param kind the kind of entity, for example {@code "course"}
     * @param id   the id that was not found
     */
    public NotFoundException(String kind, String id) {
        super(ErrorCode.NOT_FOUND, "No " + kind + " with id '" + id + "' exists; check the id and the tenant.");
    }
}
