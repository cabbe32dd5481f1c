package io.learnloop.core.money;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyPropertiesTest {
    private static final Currency CNY = Currency.getInstance("CNY");

    @Property
    void allocate_whenNonNegativeTotal_sumsToTotalWithNoNegativePart(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long total,
            @ForAll @Size(min = 1, max = 12) List<@LongRange(min = 0, max = 1_000_000_000_000L) Long> ratios) {
        ratios.set(0, ratios.get(0) + 1); // at least one positive ratio
        List<Money> parts = new Money(total, CNY).allocate(ratios.stream().mapToLong(Long::longValue).toArray());
        assertThat(parts).hasSize(ratios.size());
        assertThat(Money.sum(CNY, parts)).isEqualTo(new Money(total, CNY));
        assertThat(parts).allSatisfy(p -> assertThat(p.minor()).isNotNegative());
        for (int i = 0; i < parts.size(); i++) {
            if (ratios.get(i) == 0) {
                assertThat(parts.get(i).isZero()).as("a zero ratio gets nothing").isTrue();
            }
        }
    }

    @Property
    void allocate_whenAnyTotal_eachPartWithinOneUnitOfItsExactShare(
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long total,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 10_000) Integer> ratios) {
        long[] r = ratios.stream().mapToLong(Integer::longValue).toArray();
        long sum = 0;
        for (long x : r) {
            sum += x;
        }
        List<Money> parts = new Money(total, CNY).allocate(r);
        assertThat(Money.sum(CNY, parts).minor()).isEqualTo(total);
        for (int i = 0; i < r.length; i++) {
            double exact = (double) total * r[i] / sum;
            assertThat(Math.abs(parts.get(i).minor() - exact)).isLessThan(1.0 + 1e-6 * Math.abs(exact));
        }
    }

    @Property
    void parse_whenFormatted_roundTripsInEveryIsoCurrency(@ForAll("currencies") Currency currency,
                                                           @ForAll long minor) {
        Money money = new Money(minor, currency);
        String text = money.toDecimalString();
        assertThat(Money.parse(text, currency.getCurrencyCode())).isEqualTo(money);
        int digits = Money.fractionDigits(currency);
        if (digits > 0) {
            assertThat(text).matches("-?[0-9]+\\.[0-9]{" + digits + "}");
        } else {
            assertThat(text).matches("-?[0-9]+");
        }
    }

    @Provide
    Arbitrary<Currency> currencies() {
        return Arbitraries.of(Currency.getAvailableCurrencies());
    }

    @Example
    void parse_whenEveryIsoCurrency_roundTripsBoundaryAmounts() {
        assertThat(Currency.getAvailableCurrencies()).hasSizeGreaterThan(150);
        for (Currency currency : Currency.getAvailableCurrencies()) {
            for (long minor : new long[]{0, 1, -1, 10, 999, 123_456_789, Long.MAX_VALUE, Long.MIN_VALUE}) {
                Money money = new Money(minor, currency);
                assertThat(Money.parse(money.toDecimalString(), currency.getCurrencyCode()))
                        .as(money.toString()).isEqualTo(money);
            }
        }
    }
}
