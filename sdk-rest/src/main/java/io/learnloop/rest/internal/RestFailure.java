package io.learnloop.rest.internal;

import io.learnloop.core.error.ValidationException;

import java.util.List;
import java.util.Map;

/**
 * A failure the HTTP layer itself finds (unknown route, oversized body, missing identity …), before or around the
 * services; turned into a problem detail and never seen outside this package.
 */
final class RestFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient List<ValidationException.Violation> violations;
    private final transient Map<String, String> headers;

    RestFailure(int status, String code, String detail) {
        this(status, code, detail, List.of(), Map.of());
    }

    RestFailure(int status, String code, String detail, List<ValidationException.Violation> violations,
                Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.violations = List.copyOf(violations);
        this.headers = Map.copyOf(headers);
    }

    static RestFailure invalid(String field, String problem) {
        return new RestFailure(400, "VALIDATION_FAILED", field + " " + problem,
                List.of(new ValidationException.Violation(field, problem)), Map.of());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    List<ValidationException.Violation> violations() {
        return violations;
    }

    Map<String, String> headers() {
        return headers;
    }
}
