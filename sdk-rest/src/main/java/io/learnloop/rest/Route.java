package io.learnloop.rest;

import java.util.Objects;

/**
 * One endpoint of the API: method, path template and the operation id it has in the OpenAPI document.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param method      the HTTP method
 * @param path        the path template below the base path, with {@code {name}} for a path parameter
 * @param operationId the OpenAPI operation id
 * @param access      who may call it
 */
public record Route(String method, String path, String operationId, Access access) {
    /**
     * Validates.
     *
     * @param method      the method
     * @param path        the path template
     * @param operationId the operation id
     * @param access      who may call it
     */
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(access, "access");
    }

    /**
     * Who may call a route.
     *
     * <p>Thread-safe: an enum.
     */
    public enum Access {
        /** Anyone, signed in or not. */
        PUBLIC,
        /** A signed-in caller; the services check roles and ownership on top. */
        SIGNED_IN
    }
}
