package io.learnloop.growth;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationTest {
    private static ValidationException refused(Runnable r) {
        try {
            r.run();
        } catch (ValidationException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            return e;
        }
        throw new AssertionError("expected a ValidationException");
    }

    @Test
    void with_whenRateNegative_namesTheParameter() {
        ValidationException e = refused(() -> Parameters.defaults().with(Parameter.PAID_CHURN_RATE, -0.01));
        assertThat(e.fields()).containsExactly("paidChurnRate");
        assertThat(e.getMessage()).contains("must not be negative").contains("1/day");
    }

    @Test
    void with_whenProbabilityAboveOne_namesTheParameter() {
        ValidationException e = refused(() -> Parameters.defaults().with(Parameter.CREATOR_REVENUE_SHARE, 1.2));
        assertThat(e.fields()).containsExactly("creatorRevenueShare");
        assertThat(e.getMessage()).contains("between 0 and 1");
    }

    @Test
    void with_whenNaN_namesTheParameter() {
        ValidationException e = refused(() -> Parameters.defaults().with(Parameter.K_FACTOR, Double.NaN));
        assertThat(e.fields()).containsExactly("kFactor");
        assertThat(e.getMessage()).contains("NaN");
    }

    @Test
    void with_whenInfinite_namesTheParameter() {
        assertThat(refused(() -> Parameters.defaults().with(Parameter.MARKETING_SPEND, Double.POSITIVE_INFINITY)).fields())
                .containsExactly("marketingSpend");
        assertThat(refused(() -> Parameters.defaults().with(Parameter.PRICE, Double.NEGATIVE_INFINITY)).fields())
                .containsExactly("price");
    }

    @Test
    void with_whenPositiveParameterIsZero_namesIt() {
        assertThat(refused(() -> Parameters.defaults().with(Parameter.PAID_CAC, 0.0)).fields()).containsExactly("paidCac");
    }

    @Test
    void of_whenSeveralBad_namesEveryOne() {
        Map<Parameter, Double> m = new EnumMap<>(Parameter.class);
        m.put(Parameter.FREE_CHURN_RATE, -1.0);
        m.put(Parameter.RECOMMENDATION_QUALITY, 1.5);
        m.put(Parameter.PRICE, Double.NaN);
        assertThat(refused(() -> Parameters.of(m)).fields())
                .containsExactlyInAnyOrder("freeChurnRate", "recommendationQuality", "price");
    }

    @Test
    void of_whenValueNull_namesTheParameter() {
        Map<Parameter, Double> m = new HashMap<>();
        m.put(Parameter.WINBACK_RATE, null);
        assertThat(refused(() -> Parameters.of(m)).fields()).containsExactly("winbackRate");
    }

    @Test
    void state_whenPopulationEmpty_isRefused() {
        ValidationException e = refused(() -> GrowthState.of(Map.of(Stock.CATALOGUE, 100.0)));
        assertThat(e.fields()).containsExactly("initialState.population");
    }

    @Test
    void state_whenStockNegativeNaNOrInfinite_namesTheStock() {
        assertThat(refused(() -> GrowthState.defaults().with(Stock.PAYING_LEARNERS, -5)).fields())
                .containsExactly("initialState.payingLearners");
        assertThat(refused(() -> GrowthState.defaults().with(Stock.CREATORS, Double.NaN)).fields())
                .containsExactly("initialState.creators");
        assertThat(refused(() -> GrowthState.defaults().with(Stock.PROSPECTS, Double.POSITIVE_INFINITY)).fields())
                .containsExactly("initialState.prospects");
    }

    @Test
    void defaults_whenRead_areAllValidAndDocumented() {
        for (Parameter p : Parameter.values()) {
            assertThat(p.problemWith(p.defaultValue())).as(p.key()).isNull();
            assertThat(p.unit()).as(p.key()).isNotBlank();
            assertThat(p.description()).as(p.key()).isNotBlank();
            assertThat(Parameter.ofKey(p.key())).isEqualTo(p);
        }
    }

    @Test
    void loopGain_whenLinkNegativeOrNaN_namesTheLink() {
        assertThat(refused(() -> LoopGain.of(0.8, -1.2, 1.5)).fields()).containsExactly("links[1]");
        assertThat(refused(() -> LoopGain.of(0.8, 1.2, Double.NaN)).fields()).containsExactly("links[2]");
        assertThat(refused(() -> LoopGain.of()).fields()).containsExactly("links");
    }
}
