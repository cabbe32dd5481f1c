package io.learnloop.core.ledger;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SaleLineTest {
    private static final Money NET = Money.ofMinor(9900, "EUR");
    private static final CreatorShare ADA = new CreatorShare(UserId.of("ada"), 1);
    private static final AffiliateShare BOB = new AffiliateShare(UserId.of("bob"), 500);

    private static List<ValidationException.Violation> violations(Runnable make) {
        try {
            make.run();
        } catch (ValidationException e) {
            return e.violations();
        }
        throw new AssertionError("no violation");
    }

    @Test
    void new_whenEveryFieldIsWrong_reportsEachViolationInFieldOrder() {
        List<ValidationException.Violation> found = violations(() -> new SaleLine(0, NET, 10_001,
                Arrays.asList(ADA, null, ADA), Arrays.asList(BOB, null, BOB)));

        assertThat(found).containsExactly(
                new ValidationException.Violation("line", "must be 1 or more (was 0)"),
                new ValidationException.Violation("platformFeeBps", "must be 0 to 10000 (was 10001)"),
                new ValidationException.Violation("creators", "must not contain null"),
                new ValidationException.Violation("creators", "must list each creator once"),
                new ValidationException.Violation("affiliates", "at most 2 levels are paid"),
                new ValidationException.Violation("affiliates", "must not contain null"),
                new ValidationException.Violation("affiliates", "must list each affiliate once"),
                new ValidationException.Violation("platformFeeBps",
                        "the fee and commissions together exceed 100% (11001 bps)"));
    }

    @Test
    void new_whenNoCreator_saysOneMustReceiveTheRevenue() {
        assertThatThrownBy(() -> new SaleLine(1, NET, 2000, List.of(), List.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).containsExactly(
                        new ValidationException.Violation("creators", "at least one creator receives the revenue")));
    }

    @Test
    void new_whenValid_keepsImmutableCopies() {
        SaleLine line = new SaleLine(1, NET, 2000, new java.util.ArrayList<>(List.of(ADA)), null);

        assertThat(line.creators()).containsExactly(ADA);
        assertThat(line.affiliates()).isEmpty();
        assertThatThrownBy(() -> line.creators().add(ADA)).isInstanceOf(UnsupportedOperationException.class);
    }
}
