package io.learnloop.spring.internal;

import io.learnloop.core.error.ValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.stream.Collectors;

/**
 * Turns a refused {@code learnloop.*} setting into Spring Boot's startup report: each property and what to set.
 *
 * <p>Thread-safe: stateless.
 */
public final class PropertiesFailureAnalyzer extends AbstractFailureAnalyzer<ValidationException> {
    /** Created by Spring Boot. */
    public PropertiesFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ValidationException cause) {
        if (cause.violations().stream().noneMatch(v -> v.field().startsWith("learnloop."))) {
            return null;
        }
        String description = "Learnloop's configuration is invalid:\n" + cause.violations().stream()
                .map(v -> "  - " + v.field() + " " + v.problem()).collect(Collectors.joining("\n"));
        return new FailureAnalysis(description, "Fix the learnloop.* properties listed above. Secrets go in the"
                + " environment (for example LEARNLOOP_PAYMENTS_STRIPE_APIKEY) or a secret store.", cause);
    }
}
