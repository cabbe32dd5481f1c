package io.learnloop.examples.learning;

import io.learnloop.core.assessment.Outcome;
import io.learnloop.core.assessment.QuestionFeedback;
import io.learnloop.core.credential.SigningAlgorithm;
import io.learnloop.core.credential.VerificationStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the program whose code docs/learning.md shows and checks what each step did. */
class LearningRecordsTest {
    @Test
    void run_whenTheLearnerWatchesPassesAndVerifies_completesGradesAndVerifiesEveryWay() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        LearningRecords.Outcome o = LearningRecords.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        // a first report is credited 30 s of wall-clock time at up to 2x: one minute of the two-minute video
        assertThat(o.seek().accepted()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.seek().refused()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.seek().lessonCompleted()).isFalse();

        assertThat(o.completion().completed()).isTrue();
        assertThat(o.completion().completedLessons()).isEqualTo(2);
        assertThat(o.completion().percent()).isEqualTo(100);

        assertThat(o.grade().maxScore()).isEqualTo(4);
        assertThat(o.grade().percent()).isEqualByComparingTo(new BigDecimal("75"));
        assertThat(o.grade().passed()).isTrue();
        assertThat(o.grade().feedback()).extracting(QuestionFeedback::outcome)
                .containsExactlyInAnyOrder(Outcome.CORRECT, Outcome.CORRECT, Outcome.WRONG);
        assertThat(o.grade().feedback()).filteredOn(f -> f.outcome() == Outcome.WRONG).singleElement()
                .satisfies(f -> assertThat(f.explanation()).isEqualTo("A final variable is assigned exactly once."));

        assertThat(o.certificate().algorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(o.byKey().status()).as(o.byKey().message()).isEqualTo(VerificationStatus.VALID);
        assertThat(o.byJwks().status()).as(o.byJwks().message()).isEqualTo(VerificationStatus.VALID);
        assertThat(o.byJwks().kid()).isEqualTo("school-2026");
        assertThat(o.byJwks().credentialId()).isEqualTo(o.certificate().credentialId());
        assertThat(o.byService().status()).isEqualTo(VerificationStatus.VALID);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("with the JWK Set: VALID");
    }
}
