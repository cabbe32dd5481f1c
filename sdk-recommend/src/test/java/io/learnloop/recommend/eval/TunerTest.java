package io.learnloop.recommend.eval;

import io.learnloop.recommend.AlsSettings;
import io.learnloop.recommend.ModelKind;
import io.learnloop.recommend.RecommenderSettings;
import io.learnloop.recommend.data.Dataset;
import io.learnloop.recommend.data.SyntheticGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TunerTest {
    private static final Dataset DATA = SyntheticGenerator.generate(400, 60, 8, 21);
    private static final RecommenderSettings START = RecommenderSettings.defaults()
            .withAls(new AlsSettings(8, 6, 50, 1, 3, 1, 42));

    private static Tuner.Builder tuner(SplitMethod validation) {
        return Tuner.builder().catalogue(DATA.courses()).validation(validation).start(START)
                .models(EnumSet.of(ModelKind.POPULARITY, ModelKind.ITEM_KNN, ModelKind.EASE, ModelKind.ALS));
    }

    @Test
    void tune_whenRun_neverEndsBelowTheStartOnValidationAndFitsTheHybridOnTheSameMethod() {
        SplitMethod method = SplitMethod.random(0.2, 3);
        List<String> log = new ArrayList<>();

        TuningResult result = tuner(method).log(log::add).build().tune(DATA.interactions());

        assertThat(result.tunedNdcg().keySet()).containsExactly(ModelKind.POPULARITY, ModelKind.ITEM_KNN,
                ModelKind.EASE, ModelKind.ALS);
        result.tunedNdcg().forEach((kind, tuned) -> assertThat(tuned).isGreaterThanOrEqualTo(result.startNdcg().get(kind)));
        assertThat(result.settings().hybrid().validation()).isEqualTo(method);
        assertThat(result.trials()).extracting(Trial::kind).contains(ModelKind.ALS);
        assertThat(result.trials()).filteredOn(t -> t.kind() == ModelKind.ALS).extracting(Trial::share)
                .contains(1.0).anyMatch(share -> share < 1);
        assertThat(result.cutShort()).isEmpty();
        assertThat(log).anyMatch(line -> line.startsWith("tuned ease"));
    }

    @Test
    void tune_whenRunTwice_choosesTheSameSettings() {
        Tuner t = tuner(SplitMethod.temporal(0.2)).build();

        assertThat(t.tune(DATA.interactions()).settings()).isEqualTo(t.tune(DATA.interactions()).settings());
    }

    @Test
    void tune_whenBudgetRunsOut_keepsTheStartAndSaysSo() {
        TuningResult result = tuner(SplitMethod.temporal(0.2)).budget(Duration.ofNanos(1)).build()
                .tune(DATA.interactions());

        assertThat(result.cutShort()).isNotEmpty();
        assertThat(result.settings().withHybrid(START.hybrid())).isEqualTo(START);
    }

    @Test
    void tune_whenTickerIsInjected_cutsTheSearchShortAtTheSamePointEveryRun() {
        // each reading of the time source is one second later, so the 40 s budget runs out part-way through
        Tuner t = tuner(SplitMethod.temporal(0.2)).budget(Duration.ofSeconds(40)).ticker(new SteppingTicker()).build();

        TuningResult first = t.tune(DATA.interactions());
        TuningResult second = t.tune(DATA.interactions());

        assertThat(first.cutShort()).isNotEmpty();
        assertThat(second.cutShort()).isEqualTo(first.cutShort());
        assertThat(second.trials()).isEqualTo(first.trials());
        assertThat(second.elapsed()).isEqualTo(first.elapsed());
        assertThat(first.elapsed()).isEqualTo(Duration.ofSeconds(first.elapsed().toSeconds()));
    }

    /** A time source that moves one second per reading; each tuner run starts counting afresh when read. */
    private static final class SteppingTicker implements java.util.function.LongSupplier {
        private final java.util.concurrent.atomic.AtomicLong readings = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public long getAsLong() {
            return readings.incrementAndGet() * 1_000_000_000L;
        }
    }
}
