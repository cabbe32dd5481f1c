package io.learnloop.spring;

import io.learnloop.core.Learnloop;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionKind;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.RecommendationService;
import io.learnloop.recommend.Recommenders;
import io.learnloop.rest.RestApi;
import io.learnloop.spring.autoconfigure.LearnloopAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopRestAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopSecurityAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.function.RouterFunction;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The starter mounts sdk-rest on Spring MVC under the base path, with the caller from Spring Security. */
class RestApiMountTest {
    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static WebApplicationContextRunner runner() {
        DataSource ds = TestShop.h2();
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LearnloopAutoConfiguration.class,
                        LearnloopSecurityAutoConfiguration.class, LearnloopRestAutoConfiguration.class))
                .withBean(DataSource.class, () -> ds);
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
    void api_whenMounted_servesTheCatalogueToAnyoneUnderTheBasePath() {
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RestApi.class);
            new TestShop(context.getBean(Learnloop.class), 19900, "CNY");

            MvcResult result = mvc(context).perform(get("/learnloop/api/courses").queryParam("limit", "5")).andReturn();

            assertThat(result.getResponse().getStatus()).isEqualTo(200);
            assertThat(result.getResponse().getContentType()).isEqualTo("application/json");
            assertThat(result.getResponse().getContentAsString()).contains("\"title\":\"Java\"");
        });
    }

    @Test
    void api_whenMounted_handsTheApiTheServletsRemoteAddressNotAForwardedHeader() {
        java.util.concurrent.atomic.AtomicReference<io.learnloop.rest.RestRequest> seen =
                new java.util.concurrent.atomic.AtomicReference<>();
        RestApi capturing = new RestApi() {
            @Override
            public io.learnloop.rest.RestResponse handle(io.learnloop.rest.RestRequest request) {
                seen.set(request);
                return new io.learnloop.rest.RestResponse(204, java.util.Map.of(), new byte[0]);
            }

            @Override
            public List<io.learnloop.rest.Route> routes() {
                return List.of();
            }

            @Override
            public int maxBodyBytes() {
                return RestApi.DEFAULT_MAX_BODY_BYTES;
            }
        };
        runner().withBean(RestApi.class, () -> capturing).run(context -> {
            mvc(context).perform(get("/learnloop/api/courses").header("X-Forwarded-For", "198.51.100.66")
                    .with(request -> {
                        // what Spring's forwarded-header handling leaves when it trusts the proxy
                        request.setRemoteAddr("203.0.113.9");
                        return request;
                    })).andReturn();

            assertThat(seen.get()).isNotNull();
            assertThat(seen.get().clientAddress()).isEqualTo("203.0.113.9");
        });
    }

    @Test
    void placeOrder_whenSignedInAndRepeated_placesOneOrderForThePrincipal() {
        runner().run(context -> {
            TestShop shop = new TestShop(context.getBean(Learnloop.class), 19900, "CNY");
            String body = "{\"offers\":[\"" + shop.offer().id().value() + "\"]}";
            signIn("lena");

            MvcResult first = mvc(context).perform(post("/learnloop/api/orders").contentType("application/json")
                    .header("Idempotency-Key", "k-1").content(body)).andReturn();
            MvcResult again = mvc(context).perform(post("/learnloop/api/orders").contentType("application/json")
                    .header("Idempotency-Key", "k-1").content(body)).andReturn();

            assertThat(first.getResponse().getStatus()).as(first.getResponse().getContentAsString()).isEqualTo(201);
            assertThat(first.getResponse().getContentAsString()).contains("\"learner\":\"lena\"");
            assertThat(again.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
            assertThat(again.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
            Learnloop learnloop = context.getBean(Learnloop.class);
            assertThat(learnloop.commerce().ordersOf(TestShop.FINANCE, TestShop.LEARNER.id(), null, 10).items())
                    .hasSize(1);
        });
    }

    @Test
    void placeOrder_whenNobodySignedIn_answers401ProblemAndPlacesNothing() {
        runner().run(context -> {
            TestShop shop = new TestShop(context.getBean(Learnloop.class), 19900, "CNY");

            MvcResult result = mvc(context).perform(post("/learnloop/api/orders").contentType("application/json")
                    .header("Idempotency-Key", "k-1")
                    .content("{\"offers\":[\"" + shop.offer().id().value() + "\"]}")).andReturn();

            assertThat(result.getResponse().getStatus()).isEqualTo(401);
            assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
            assertThat(result.getResponse().getContentAsString()).contains("\"code\":\"UNAUTHENTICATED\"");
            assertThat(context.getBean(Learnloop.class).commerce()
                    .ordersOf(TestShop.FINANCE, TestShop.LEARNER.id(), null, 10).items()).isEmpty();
        });
    }

    @Test
    void api_whenBasePathAndBodyLimitSet_mountsThereAndRefusesLongerBodies() {
        runner().withPropertyValues("learnloop.api.base-path=/shop/api", "learnloop.api.max-body-bytes=1024")
                .run(context -> {
                    signIn("lena");
                    MockMvc mvc = mvc(context);
                    assertThat(mvc.perform(get("/shop/api/openapi.json")).andReturn().getResponse().getStatus())
                            .isEqualTo(200);
                    assertThat(mvc.perform(get("/learnloop/api/openapi.json")).andReturn().getResponse().getStatus())
                            .isEqualTo(404);
                    MvcResult big = mvc.perform(post("/shop/api/quotes").contentType("application/json")
                            .content("{\"offers\":[\"" + "x".repeat(2000) + "\"]}")).andReturn();
                    assertThat(big.getResponse().getStatus()).isEqualTo(413);
                    MvcResult unknown = mvc.perform(get("/shop/api/nowhere")).andReturn();
                    assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
                    assertThat(unknown.getResponse().getContentType()).isEqualTo("application/problem+json");
                });
    }

    @Test
    void api_whenBasePathInvalid_failsAtStartupNamingTheProperty() {
        runner().withPropertyValues("learnloop.api.base-path=/shop/api/").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("learnloop.api.base-path"));
    }

    private static RecommendationService popularCourse() {
        Instant at = Instant.parse("2026-03-01T08:00:00Z");
        InteractionMatrix matrix = InteractionMatrix.of(List.of(
                Interaction.of("someone", "popular-course", InteractionKind.PURCHASE, at)));
        return RecommendationService.builder().matrix(matrix).catalogue(List.of())
                .clock(Clock.fixed(at, ZoneOffset.UTC))
                .trainer(m -> Recommenders.popularity(m, List.of(), Duration.ZERO, at)).build();
    }

    @Test
    void listMyRecommendations_whenTheHostHasARecommendationServiceBean_answersFromIt() {
        runner().withBean(RecommendationService.class, RestApiMountTest::popularCourse).run(context -> {
            signIn("lena");

            MvcResult result = mvc(context).perform(get("/learnloop/api/me/recommendations")).andReturn();

            assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString())
                    .isEqualTo(200);
            assertThat(result.getResponse().getContentAsString()).contains("\"courseId\":\"popular-course\"");
        });
    }

    @Test
    void listMyRecommendations_whenTheHostHasNoRecommendationService_answers501() {
        runner().run(context -> {
            signIn("lena");

            MvcResult result = mvc(context).perform(get("/learnloop/api/me/recommendations")).andReturn();

            assertThat(result.getResponse().getStatus()).isEqualTo(501);
            assertThat(result.getResponse().getContentAsString()).contains("\"code\":\"CONFIGURATION\"");
        });
    }
}
