package io.learnloop.spring;

import io.learnloop.core.Learnloop;
import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionKind;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.RecommendationService;
import io.learnloop.recommend.Recommenders;
import io.learnloop.spring.autoconfigure.LearnloopAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopObservationAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopRecommendAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopRestAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopSecurityAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.function.RouterFunction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The recommendation service bean, and the meters of access decisions and recommendation requests. */
class ObservedDecisionsTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Store store = Stores.inMemory();

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private WebApplicationContextRunner runner() {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LearnloopAutoConfiguration.class,
                        LearnloopSecurityAutoConfiguration.class, LearnloopObservationAutoConfiguration.class,
                        LearnloopRecommendAutoConfiguration.class, LearnloopRestAutoConfiguration.class))
                .withBean(Store.class, () -> store)
                .withBean(ObservationRegistry.class, () -> observations)
                .withBean(MeterRegistry.class, () -> meters);
    }

    private static MockMvc mvc(AssertableWebApplicationContext context) {
        return MockMvcBuilders.routerFunctions(context.getBeansOfType(RouterFunction.class).values()
                .toArray(RouterFunction[]::new)).build();
    }

    private static void signIn(String user) {
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(user, "n/a", List.of()));
    }

    @Test
    void listMyRecommendations_whenSdkRecommendPresent_answersFromTheStarterServiceTrainedOnTheStore() {
        // the catalogue is in the store before the application starts, as on a restart
        new TestShop(Learnloop.builder().store(store).build(), 19900, "CNY");
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RecommendationService.class);
            signIn("lena");

            MvcResult result = mvc(context).perform(get("/learnloop/api/me/recommendations")).andReturn();

            assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString())
                    .isEqualTo(200);
            Timer timer = meters.find("learnloop.recommendations").tag("status", "200").timer();
            assertThat(timer).isNotNull();
            assertThat(timer.count()).isEqualTo(1);
        });
    }

    @Test
    void context_whenHostDefinesARecommendationService_usesTheirs() {
        Instant at = Instant.parse("2026-03-01T08:00:00Z");
        RecommendationService own = RecommendationService.builder()
                .matrix(InteractionMatrix.of(List.of(Interaction.of("someone", "c", InteractionKind.PURCHASE, at))))
                .catalogue(List.of()).clock(Clock.fixed(at, ZoneOffset.UTC))
                .trainer(m -> Recommenders.popularity(m, List.of(), Duration.ZERO, at)).build();
        runner().withBean(RecommendationService.class, () -> own)
                .run(context -> assertThat(context.getBean(RecommendationService.class)).isSameAs(own));
    }

    @Test
    void context_whenSdkRecommendAbsent_hasNoServiceAndTheRouteAnswers501() {
        runner().withClassLoader(new FilteredClassLoader(RecommendationService.class)).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(RecommendationService.class);
            signIn("lena");

            MvcResult result = mvc(context).perform(get("/learnloop/api/me/recommendations")).andReturn();

            assertThat(result.getResponse().getStatus()).isEqualTo(501);
        });
    }

    @Test
    void decide_whenCalledThroughTheBeanOrTheApi_recordsTheDecisionWithLowCardinalityTags() {
        runner().run(context -> {
            Learnloop learnloop = context.getBean(Learnloop.class);
            Course course = new TestShop(learnloop, 19900, "CNY").course();
            LessonId preview = course.published().chapters().get(0).lessons().get(0).id();
            signIn("lena");

            AccessDecision decision = context.getBean(AccessService.class)
                    .decide(UserId.of("lena"), preview, learnloop.context().now());
            mvc(context).perform(post("/learnloop/api/lessons/" + preview.value() + "/open")).andReturn();

            assertThat(decision.allowed()).isTrue();
            Timer timer = meters.find("learnloop.access.decisions")
                    .tags("scope", "lesson", "allowed", "true", "reason", "free_preview").timer();
            assertThat(timer).isNotNull();
            assertThat(timer.count()).isEqualTo(2);
            assertThat(timer.getId().getTags()).extracting(t -> t.getKey())
                    .doesNotContain("learner", "lesson", "course");
        });
    }

    @Test
    void decide_whenCalledThroughTheFacadeDirectly_isRecordedOnceLikeThroughTheBean() {
        runner().run(context -> {
            Learnloop learnloop = context.getBean(Learnloop.class);
            Course course = new TestShop(learnloop, 19900, "CNY").course();
            LessonId preview = course.published().chapters().get(0).lessons().get(0).id();

            learnloop.access().decide(UserId.of("lena"), preview, learnloop.context().now());
            context.getBean(AccessService.class).decide(UserId.of("max"), preview, learnloop.context().now());

            Timer timer = meters.find("learnloop.access.decisions")
                    .tags("scope", "lesson", "allowed", "true", "reason", "free_preview").timer();
            assertThat(timer).isNotNull();
            assertThat(timer.count()).isEqualTo(2);
            assertThat(context.getBean(AccessService.class)).isSameAs(learnloop.access());
        });
    }
}
