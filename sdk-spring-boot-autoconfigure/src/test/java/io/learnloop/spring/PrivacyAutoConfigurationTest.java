package io.learnloop.spring;

import io.learnloop.community.Communities;
import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.Erasure;
import io.learnloop.core.privacy.ErasureOutcome;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.retention.DataClasses;
import io.learnloop.core.retention.RetentionPolicy;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.lms.LtiTools;
import io.learnloop.rest.RestApi;
import io.learnloop.rest.RestRequest;
import io.learnloop.rest.RestResponse;
import io.learnloop.spring.autoconfigure.LearnloopAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopJobsAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopPaymentsAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopPrivacyAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention from {@code learnloop.retention.*}, and the erasure steps of the modules on the class path. */
class PrivacyAutoConfigurationTest {
    private static final Actor ADMIN = Actor.of("admin", Role.ADMIN);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LearnloopAutoConfiguration.class,
                    LearnloopPrivacyAutoConfiguration.class, LearnloopPaymentsAutoConfiguration.class,
                    LearnloopJobsAutoConfiguration.class))
            .withBean(DataSource.class, TestShop::h2)
            .withBean(Clock.class, () -> clock)
            .withPropertyValues("learnloop.jobs.enabled=false");

    private static RestResponse placeWithKey(RestApi api, TestShop shop, String key) {
        return api.handle(RestRequest.of("POST", "/orders", TestShop.LEARNER)
                .withJson("{\"offers\":[\"" + shop.offer().id().value() + "\"]}").withHeader("Idempotency-Key", key));
    }

    @Test
    void erase_whenModulesOnClassPath_runsTheStepOfEach() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            Learnloop learnloop = context.getBean(Learnloop.class);
            TestShop shop = new TestShop(learnloop, 19900, "CNY");
            RestApi api = RestApi.builder(learnloop).build();
            assertThat(placeWithKey(api, shop, "k1").status()).isEqualTo(201);

            ErasureOutcome outcome = learnloop.personalData().erase(ADMIN, TestShop.LEARNER.id(), "asked");

            assertThat(outcome.stepsRun()).contains("payments", "community", "lti", "rest-idempotency");
            assertThat(placeWithKey(api, shop, "k1").headers()).doesNotContainKey("Idempotent-Replayed");
        });
    }

    @Test
    void erase_whenModulesAbsent_runsOnlyTheStepsOfThoseThere() {
        runner.withClassLoader(new FilteredClassLoader(Communities.class, LtiTools.class, RestApi.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean("learnloopCommunityPersonalDataEraser")
                            .doesNotHaveBean("learnloopLmsPersonalDataEraser")
                            .doesNotHaveBean("learnloopRestPersonalDataEraser");
                    Learnloop learnloop = context.getBean(Learnloop.class);
                    new TestShop(learnloop, 19900, "CNY").order("k1");

                    ErasureOutcome outcome = learnloop.personalData().erase(ADMIN, TestShop.LEARNER.id(), "asked");

                    assertThat(outcome.stepsRun()).contains("payments")
                            .doesNotContain("community", "lti", "rest-idempotency");
                });
    }

    @Test
    void erase_whenHostDefinesAStepUnderTheStarterName_runsTheHostsInstead() {
        AtomicBoolean ran = new AtomicBoolean();
        PersonalDataEraser own = new PersonalDataEraser() {
            @Override
            public String step() {
                return "own-community";
            }

            @Override
            public boolean holds(ErasureScope scope, UserId learner) {
                return false;
            }

            @Override
            public void erase(Erasure erasure) {
                ran.set(true);
            }
        };
        runner.withBean("learnloopCommunityPersonalDataEraser", PersonalDataEraser.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed();
            Learnloop learnloop = context.getBean(Learnloop.class);
            new TestShop(learnloop, 19900, "CNY").order("k1");

            ErasureOutcome outcome = learnloop.personalData().erase(ADMIN, TestShop.LEARNER.id(), "asked");

            assertThat(outcome.stepsRun()).contains("own-community").doesNotContain("community");
            assertThat(ran).isTrue();
        });
    }

    @Test
    void runOnce_whenRetentionPropertySet_prunesOnItsSchedule() {
        runner.withPropertyValues("learnloop.retention.rest-idempotency=2h", "learnloop.retention.keep=outbox")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RetentionPolicy.class).retentions())
                            .containsEntry(DataClasses.REST_IDEMPOTENCY, Duration.ofHours(2))
                            .containsEntry(DataClasses.XAPI_SENT, Duration.ofDays(30))
                            .doesNotContainKey(DataClasses.OUTBOX);
                    Learnloop learnloop = context.getBean(Learnloop.class);
                    TestShop shop = new TestShop(learnloop, 19900, "CNY");
                    RestApi api = RestApi.builder(learnloop).build();
                    assertThat(placeWithKey(api, shop, "k1").status()).isEqualTo(201);
                    clock.advance(Duration.ofHours(3));

                    LearnloopJobs.Run run = context.getBean(LearnloopJobs.class).runOnce();

                    assertThat(run.jobs().prunedOf(DataClasses.REST_IDEMPOTENCY)).isEqualTo(1);
                    assertThat(placeWithKey(api, shop, "k1").headers()).doesNotContainKey("Idempotent-Replayed");
                });
    }

    @Test
    void context_whenHostDefinesRetentionPolicy_usesIt() {
        RetentionPolicy none = RetentionPolicy.keepAll();
        runner.withBean(RetentionPolicy.class, () -> none).withPropertyValues("learnloop.retention.outbox=2h")
                .run(context -> assertThat(context.getBean(RetentionPolicy.class)).isSameAs(none));
    }

    @Test
    void context_whenRetentionInvalid_failsNamingEachPropertyAndTheFix() {
        runner.withPropertyValues("learnloop.retention.outbox=10m", "learnloop.retention.keep=outbox,audit-log")
                .run(context -> {
                    assertThat(context).hasFailed();
                    String message = messages(context.getStartupFailure());
                    assertThat(message).contains("learnloop.retention.outbox", "at least 1h")
                            .contains("learnloop.retention.keep", "audit-log", "rest-idempotency")
                            .contains("remove one of the two");
                });
    }

    @Test
    void context_whenPostsOnErasureUnknown_failsStartup() {
        runner.withPropertyValues("learnloop.privacy.posts-on-erasure=shred")
                .run(context -> assertThat(context).hasFailed());
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
