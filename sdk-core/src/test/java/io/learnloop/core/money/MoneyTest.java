package io.learnloop.core.money;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {
    private static Money cny(long fen) {
        return Money.ofMinor(fen, "CNY");
    }

    @Test
    void plus_whenSameCurrency_addsMinorUnits() {
        assertThat(cny(1999).plus(cny(1))).isEqualTo(cny(2000));
        assertThat(cny(5).minus(cny(7))).isEqualTo(cny(-2));
    }

    @Test
    void plus_whenCurrenciesDiffer_throwsCurrencyMismatch() {
        assertThatThrownBy(() -> cny(1).plus(Money.ofMinor(1, "USD")))
                .isInstanceOf(CurrencyMismatchException.class)
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH))
                .hasMessageContaining("USD").hasMessageContaining("CNY");
        assertThatThrownBy(() -> cny(1).compareTo(Money.ofMinor(1, "JPY"))).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> cny(1).minus(Money.ofMinor(1, "EUR"))).isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void arithmetic_whenResultLeavesLongRange_throwsOverflow() {
        Money max = cny(Long.MAX_VALUE);
        assertOverflow(() -> max.plus(cny(1)));
        assertOverflow(() -> cny(Long.MIN_VALUE).minus(cny(1)));
        assertOverflow(() -> max.times(2));
        assertOverflow(() -> max.times(3, 2, RoundingMode.DOWN));
        assertOverflow(() -> max.percent(new BigDecimal("200"), RoundingMode.DOWN));
        assertOverflow(() -> cny(Long.MIN_VALUE).negate());
        assertOverflow(() -> Money.parse("92233720368547758.08", "CNY"));
    }

    private static void assertOverflow(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(MoneyOverflowException.class)
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo(ErrorCode.ARITHMETIC_OVERFLOW));
    }

    @Test
    void times_whenRational_roundsAsAsked() {
        assertThat(cny(100).times(1, 3, RoundingMode.DOWN)).isEqualTo(cny(33));
        assertThat(cny(100).times(2, 3, RoundingMode.HALF_UP)).isEqualTo(cny(67));
        assertThat(cny(-100).times(1, 3, RoundingMode.FLOOR)).isEqualTo(cny(-34));
        assertThatThrownBy(() -> cny(1).times(1, 0, RoundingMode.DOWN)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).containsExactly("denominator"));
    }

    @Test
    void percent_whenFractional_roundsToMinorUnit() {
        assertThat(cny(1999).percent(new BigDecimal("12.5"), RoundingMode.HALF_EVEN)).isEqualTo(cny(250));
        assertThat(cny(1999).percent(BigDecimal.valueOf(30), RoundingMode.DOWN)).isEqualTo(cny(599));
    }

    @Test
    void allocate_whenUneven_givesLeftoverToLargestRemainders() {
        assertThat(cny(100).allocate(1, 1, 1)).containsExactly(cny(34), cny(33), cny(33));
        assertThat(cny(5).allocate(3, 7)).containsExactly(cny(2), cny(3));
        assertThat(cny(-100).allocate(1, 1, 1)).containsExactly(cny(-34), cny(-33), cny(-33));
        assertThat(cny(7).allocate(0, 1)).containsExactly(cny(0), cny(7));
    }

    @Test
    void allocate_whenExtremeTotals_stillSumsExactly() {
        List<Money> parts = cny(Long.MIN_VALUE).allocate(1);
        assertThat(parts).containsExactly(cny(Long.MIN_VALUE));
        List<Money> split = cny(Long.MAX_VALUE).allocate(Long.MAX_VALUE, Long.MAX_VALUE, 1);
        assertThat(Money.sum(split.get(0).currency(), split)).isEqualTo(cny(Long.MAX_VALUE));
    }

    @Test
    void allocate_whenRatiosInvalid_namesTheRatio() {
        assertThatThrownBy(() -> cny(1).allocate()).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> cny(1).allocate(0, 0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> cny(1).allocate(1, -1)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).contains("ratios[1]"));
    }

    @Test
    void parse_whenCurrencyDigitsDiffer_usesEachMinorUnit() {
        assertThat(Money.parse("12.3", "CNY").minor()).isEqualTo(1230);
        assertThat(Money.parse("1230", "JPY").minor()).isEqualTo(1230);
        assertThat(Money.parse("1.234", "KWD").minor()).isEqualTo(1234);
        assertThat(Money.ofMinor(1230, "CNY").toDecimalString()).isEqualTo("12.30");
        assertThat(Money.ofMinor(1230, "JPY").toDecimalString()).isEqualTo("1230");
        assertThat(Money.ofMinor(1230, "KWD").toDecimalString()).isEqualTo("1.230");
        assertThat(Money.ofMinor(-5, "USD").toDecimalString()).isEqualTo("-0.05");
        assertThat(Money.parse("12.00", "JPY").minor()).isEqualTo(12);
    }

    @Test
    void parse_whenTextInvalid_throwsValidationNamingAmount() {
        for (String bad : new String[]{"12.345", "1e3", "abc", "1,000.00", "12.", ".5", "0x10", "NaN"}) {
            assertThatThrownBy(() -> Money.parse(bad, "CNY")).as(bad).isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((ValidationException) e).fields()).containsExactly("amount"));
        }
        assertThatThrownBy(() -> Money.parse("1.5", "JPY")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("JPY");
        assertThatThrownBy(() -> Money.parse(" ", "CNY")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Money.parse(null, "CNY")).isInstanceOf(ValidationException.class);
    }

    @Test
    void currency_whenUnknownOrMissing_throwsValidationNamingCurrency() {
        for (String bad : new String[]{"ABC", "cny", "", null, "RMB"}) {
            assertThatThrownBy(() -> Money.ofMinor(1, bad)).as(String.valueOf(bad))
                    .isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((ValidationException) e).fields()).containsExactly("currency"));
        }
        assertThatThrownBy(() -> new Money(1, null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void compare_whenSameCurrency_ordersByAmount() {
        assertThat(cny(1).min(cny(2))).isEqualTo(cny(1));
        assertThat(cny(1).max(cny(2))).isEqualTo(cny(2));
        assertThat(cny(0).isZero()).isTrue();
        assertThat(cny(-1).isNegative()).isTrue();
        assertThat(cny(1).isPositive()).isTrue();
        assertThat(cny(1999).toString()).isEqualTo("19.99 CNY");
    }
}
