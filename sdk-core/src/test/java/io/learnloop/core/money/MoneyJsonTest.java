package io.learnloop.core.money;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.json.LearnloopJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyJsonTest {
    @Test
    void toJson_whenMoney_writesMinorUnitsAndCurrencyOnly() {
        assertThat(LearnloopJson.toJson(Money.ofMinor(1999, "CNY"))).isEqualTo("{\"minor\":1999,\"currency\":\"CNY\"}");
        assertThat(LearnloopJson.toJson(Money.ofMinor(-5, "JPY"))).isEqualTo("{\"minor\":-5,\"currency\":\"JPY\"}");
    }

    @Test
    void fromJson_whenWireForm_readsBackEqual() {
        Money money = Money.ofMinor(Long.MAX_VALUE, "KWD");
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(money), Money.class)).isEqualTo(money);
        assertThat(LearnloopJson.fromJson("{\"currency\":\"USD\",\"minor\":5,\"note\":\"ignored\"}", Money.class))
                .isEqualTo(Money.ofMinor(5, "USD"));
    }

    @Test
    void fromJson_whenInvalid_throwsValidationNamingTheField() {
        assertThatThrownBy(() -> LearnloopJson.fromJson("{\"minor\":5,\"currency\":\"XYZ\"}", Money.class))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).containsExactly("currency"));
        assertThatThrownBy(() -> LearnloopJson.fromJson("{\"minor\":5.5,\"currency\":\"USD\"}", Money.class))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).containsExactly("money.minor"));
        assertThatThrownBy(() -> LearnloopJson.fromJson("{\"minor\":99999999999999999999,\"currency\":\"USD\"}",
                Money.class)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> LearnloopJson.fromJson("{\"minor\":5}", Money.class))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).containsExactly("money.currency"));
        assertThatThrownBy(() -> LearnloopJson.fromJson("\"5 USD\"", Money.class))
                .isInstanceOf(ValidationException.class);
    }
}
