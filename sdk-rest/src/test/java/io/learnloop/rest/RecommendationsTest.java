package io.learnloop.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.privacy.ConsentDecision;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionKind;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.RecommendationService;
import io.learnloop.recommend.Recommenders;
import io.learnloop.recommend.StoreInteractions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.learnloop.rest.ApiFixture.FINANCE;
import static io.learnloop.rest.ApiFixture.LENA;
import static io.learnloop.rest.ApiFixture.MAX;
import static io.learnloop.rest.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /me/recommendations} over a recommendation service trained on other learners who bought both courses
 * of the shop, and on Lena's purchase of the Java course. What Max buys the model never hears of: only the access
 * ledger knows it.
 */
class RecommendationsTest {
    private final ApiFixture f = new ApiFixture();
    private final RestApi api;
    private final RecommendationService service;

    RecommendationsTest() {
        List<CourseInfo> catalogue = StoreInteractions.of(f.learnloop, FINANCE).catalogue();
        List<Interaction> history = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (Course c : List.of(f.java, f.sql)) {
                history.add(Interaction.of("buyer-" + i, c.id().value(), InteractionKind.PURCHASE,
                        f.clock.instant()));
            }
        }
        history.add(Interaction.of("buyer-6", f.java.id().value(), InteractionKind.PURCHASE, f.clock.instant()));
        // The model saw Lena buy the Java course; Max it has never seen.
        history.add(Interaction.of(LENA.id().value(), f.java.id().value(), InteractionKind.PURCHASE,
                f.clock.instant()));
        InteractionMatrix matrix = InteractionMatrix.builder().courses(catalogue).addAll(history).build();
        service = RecommendationService.builder().matrix(matrix).catalogue(catalogue)
                .clock(f.clock).trainer(m -> Recommenders.hybrid(m, catalogue, Map.of(Recommenders.itemKnn(m, catalogue, 10, 0), 1.0),
                        Recommenders.popularity(m, catalogue, Duration.ZERO, f.clock.instant()), null, 1))
                .build();
        api = RestApi.builder(f.learnloop).payments(f.payments).recommendations(service).build();
    }

    private RestResponse recommendations(Actor actor, Map<String, String> query) {
        RestRequest request = new RestRequest("GET", "/me/recommendations", query, Map.of(), null, actor);
        RestResponse response = api.handle(request);
        OpenApiContract.check(request, response);
        return response;
    }

    private static List<String> courses(RestResponse r) {
        List<String> out = new ArrayList<>();
        json(r).get("items").forEach(item -> out.add(item.get("courseId").asText()));
        return out;
    }

    @Test
    void listMyRecommendations_whenTheCallerOwnsACourse_neverReturnsIt() {
        assertThat(courses(recommendations(MAX, Map.of()))).contains(f.java.id().value());

        f.pay(f.placeOrder(MAX, f.javaOffer, "buy-java"), MAX);
        RestResponse r = recommendations(MAX, Map.of());

        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        assertThat(courses(r)).doesNotContain(f.java.id().value()).contains(f.sql.id().value());
    }

    @Test
    void listMyRecommendations_whenAnswered_explainsEachCourse() {
        RestResponse r = recommendations(LENA, Map.of("limit", "5"));

        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        JsonNode sql = null;
        for (JsonNode item : json(r).get("items")) {
            assertThat(item.get("explanation").get("text").asText()).isNotBlank();
            if (item.get("courseId").asText().equals(f.sql.id().value())) {
                sql = item;
            }
        }
        assertThat(sql).as(r.bodyText()).isNotNull();
        assertThat(sql.get("explanation").get("reason").asText()).isEqualTo("BECAUSE_YOU");
        assertThat(sql.get("explanation").get("courseId").asText()).isEqualTo(f.java.id().value());
        assertThat(sql.get("score").isNumber()).isTrue();
    }

    @Test
    void listMyRecommendations_whenTheCallerRefusedPersonalisation_answersPopularCourses() {
        f.learnloop.consents().record(LENA, LENA.id(),
                ConsentDecision.refuse(ConsentPurpose.PERSONALISATION, "v1", "settings page"));

        RestResponse r = recommendations(LENA, Map.of());

        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        // the Java course her history would hide comes back: the list ignores her history
        assertThat(courses(r)).contains(f.java.id().value(), f.sql.id().value());
        json(r).get("items").forEach(item -> {
            assertThat(item.get("explanation").get("reason").asText()).isEqualTo("POPULAR_IN");
            assertThat(item.get("explanation").get("courseId").isNull()).isTrue();
        });
    }

    @Test
    void listMyRecommendations_whenTheLimitIsOutOfBounds_answers400NamingLimit() {
        for (String limit : List.of("0", "51", "ten")) {
            RestResponse r = recommendations(LENA, Map.of("limit", limit));

            assertThat(r.status()).as(limit).isEqualTo(400);
            assertThat(json(r).get("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(json(r).get("errors").get(0).get("field").asText()).isEqualTo("limit");
        }
        assertThat(recommendations(LENA, Map.of("limit", "50")).status()).isEqualTo(200);
        assertThat(json(recommendations(LENA, Map.of("limit", "1"))).get("items")).hasSize(1);
    }

    private RestResponse dismiss(RestApi on, Actor actor, String course) {
        RestRequest request = RestRequest.of("POST", "/me/recommendations/" + course + "/dismissal", actor);
        RestResponse response = on.handle(request);
        OpenApiContract.check(request, response);
        return response;
    }

    @Test
    void dismissRecommendation_whenPosted_theNextListLeavesTheCourseOutAndARepeatKeepsTheFirst() {
        assertThat(courses(recommendations(MAX, Map.of()))).contains(f.java.id().value());

        RestResponse first = dismiss(api, MAX, f.java.id().value());
        f.clock.advance(Duration.ofMinutes(5));
        RestResponse repeated = dismiss(api, MAX, f.java.id().value());

        assertThat(first.status()).as(first.bodyText()).isEqualTo(200);
        assertThat(json(first).get("courseId").asText()).isEqualTo(f.java.id().value());
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.bodyText()).isEqualTo(first.bodyText());
        assertThat(courses(recommendations(MAX, Map.of()))).doesNotContain(f.java.id().value())
                .contains(f.sql.id().value());
        // another learner's list is untouched
        assertThat(courses(recommendations(Actor.learner("zoe"), Map.of()))).contains(f.java.id().value());
    }

    @Test
    void dismissRecommendation_whenTheHostRestartsOnJdbc_isStillHonoured(@org.junit.jupiter.api.io.TempDir
                                                                         java.nio.file.Path folder) {
        try (io.learnloop.jdbc.JdbcStore store = io.learnloop.jdbc.JdbcStores.embeddedH2(folder)) {
            // the same ids as the shop the service was trained on
            ApiFixture before = new ApiFixture(store, "id");
            RestApi first = RestApi.builder(before.learnloop).recommendations(service).build();
            assertThat(before.java.id()).isEqualTo(f.java.id());
            RestRequest listBefore = RestRequest.of("GET", "/me/recommendations", MAX);
            assertThat(courses(first.handle(listBefore))).contains(f.java.id().value());
            assertThat(dismiss(first, MAX, before.java.id().value()).status()).isEqualTo(200);

            RestApi restarted = RestApi.builder(io.learnloop.core.Learnloop.builder().store(store).clock(f.clock)
                    .build()).recommendations(service).build();
            RestRequest list = RestRequest.of("GET", "/me/recommendations", MAX);
            RestResponse r = restarted.handle(list);
            OpenApiContract.check(list, r);

            assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
            assertThat(courses(r)).doesNotContain(before.java.id().value());
        }
    }

    @Test
    void dismissRecommendation_whenTheCourseIsUnknownOrNoServiceIsConfigured_answers404Or501() {
        RestResponse unknown = dismiss(api, MAX, "no-such-course");
        RestResponse bare = dismiss(f.api, MAX, f.java.id().value());

        assertThat(unknown.status()).as(unknown.bodyText()).isEqualTo(404);
        assertThat(bare.status()).isEqualTo(501);
        assertThat(dismiss(api, null, f.java.id().value()).status()).isEqualTo(401);
    }

    @Test
    void listMyRecommendations_whenNobodyIsSignedIn_answers401() {
        RestResponse r = recommendations(null, Map.of());

        assertThat(r.status()).isEqualTo(401);
        assertThat(json(r).get("code").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void listMyRecommendations_whenTheHostConfiguredNoService_answers501() {
        RestResponse r = f.get("/me/recommendations", LENA);

        assertThat(r.status()).isEqualTo(501);
        assertThat(json(r).get("code").asText()).isEqualTo("CONFIGURATION");
    }
}
