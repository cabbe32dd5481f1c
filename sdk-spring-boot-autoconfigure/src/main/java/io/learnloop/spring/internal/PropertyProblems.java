package io.learnloop.spring.internal;

import io.learnloop.core.error.ValidationException;

import java.util.ArrayList;
import java.util.List;

/** Collects what is wrong with the {@code learnloop.*} properties, each under its property name. */
final class PropertyProblems {
    private final List<ValidationException.Violation> violations = new ArrayList<>();

    void add(String property, String problem) {
        violations.add(new ValidationException.Violation(property, problem));
    }

    void require(boolean condition, String property, String problem) {
        if (!condition) {
            add(property, problem);
        }
    }

    void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }
}
