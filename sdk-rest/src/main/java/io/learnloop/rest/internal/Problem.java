package io.learnloop.rest.internal;

import io.learnloop.core.error.ValidationException;

import java.util.List;

/**
 * An RFC 9457 problem detail, with the SDK's stable error code and, for invalid input, each bad field.
 *
 * @param type     a URI naming the kind of problem
 * @param title    the kind's short summary
 * @param status   the HTTP status
 * @param detail   what went wrong with this request and what to fix
 * @param instance the request path
 * @param code     the stable error code
 * @param errors   the invalid fields, empty otherwise
 */
record Problem(String type, String title, int status, String detail, String instance, String code,
               List<ValidationException.Violation> errors) {
    Problem {
        errors = List.copyOf(errors);
    }
}
