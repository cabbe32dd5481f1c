package io.learnloop.core.error;

import io.learnloop.core.store.CounterKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidatorTest {
    @Test
    void maxLength_whenTooLong_namesTheLimitAndTheLength() {
        assertThatThrownBy(() -> new Validator().maxLength("title", "abcdef", 4).throwIfInvalid())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).containsExactly(
                        new ValidationException.Violation("title", "must be at most 4 characters (was 6)")));
    }

    @Test
    void maxLength_whenNullOrWithinTheLimit_passes() {
        new Validator().maxLength("title", null, 4).maxLength("title", "abcd", 4).throwIfInvalid();
    }

    @Test
    void notBlank_whenTooLong_namesTheLength() {
        assertThatThrownBy(() -> new Validator().notBlank("name", "xyz", 2).throwIfInvalid())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations().get(0).problem())
                        .isEqualTo("must be at most 2 characters (was 3)"));
    }

    @Test
    void notNegative_whenNegative_namesTheValue() {
        assertThatThrownBy(() -> new Validator().notNegative("amount", -3).notNegative("count", 0).throwIfInvalid())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).containsExactly(
                        new ValidationException.Violation("amount", "must not be negative (was -3)")));
    }

    @Test
    void counterKey_whenAPartIsEmptyOrTooLong_namesThePart() {
        assertThatThrownBy(() -> new CounterKey("family", "", "member"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations().get(0).field())
                        .isEqualTo("counter.group"));
        assertThatThrownBy(() -> new CounterKey("family", "group", "m".repeat(1000)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations().get(0).problem())
                        .contains("(was 1000)"));
    }
}
