package io.learnloop.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.learnloop.rest.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The public catalogue, search, course page and offers, read without signing in. */
class StorefrontTest {
    private final ApiFixture f = new ApiFixture();

    @Test
    void listCourses_whenPagedByOne_walksEveryPublishedCourseOnceAndHidesDrafts() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            Map<String, String> q = cursor == null ? Map.of("limit", "1") : Map.of("limit", "1", "cursor", cursor);
            RestResponse r = f.get("/courses", null, q);
            assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
            JsonNode body = json(r);
            body.get("items").forEach(c -> seen.add(c.get("id").asText()));
            if (body.get("nextCursor").isNull()) {
                break;
            }
            cursor = body.get("nextCursor").asText();
        }
        assertThat(seen).containsExactly(f.java.id().value(), f.sql.id().value());
    }

    @Test
    void listCourses_whenSearchedAndFiltered_keepsOnlyMatches() {
        JsonNode byText = json(f.get("/courses", null, Map.of("q", "sql")));
        assertThat(byText.get("items")).hasSize(1);
        assertThat(byText.get("items").get(0).get("details").get("title").asText()).isEqualTo("SQL for Analysts");
        JsonNode byCategory = json(f.get("/courses", null, Map.of("category", "programming")));
        assertThat(byCategory.get("items")).extracting(c -> c.get("id").asText()).containsExactly(f.java.id().value());
    }

    @Test
    void getCoursePage_whenPublished_showsOutlineRatingReviewsAndOffersButNoContentLocations() {
        RestResponse r = f.get("/courses/" + f.java.id().value(), null);
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        JsonNode page = json(r);
        assertThat(page.get("details").get("title").asText()).isEqualTo("Java in Practice");
        assertThat(page.get("chapters").get(0).get("lessons")).hasSize(2);
        assertThat(page.get("rating").get("count").asLong()).isZero();
        assertThat(page.get("reviews").get("items")).isEmpty();
        assertThat(page.get("offers")).hasSize(1);
        assertThat(page.get("offers").get(0).get("price").get("minor").asLong()).isEqualTo(19900);
        assertThat(r.bodyText()).doesNotContain("media://v/").doesNotContain("media://a/").doesNotContain("revenueShare").doesNotContain("draft");
    }

    @Test
    void getCoursePage_whenOffersChangeInTheStore_listsTheOnesOnSaleThatSellTheCourse() {
        var bundle = f.learnloop.commerce().createOffer(ApiFixture.CREATOR, io.learnloop.core.commerce.OfferDraft
                .bundle("Both courses", io.learnloop.core.money.Money.ofMinor(25900, "CNY"),
                        List.of(f.java.id(), f.sql.id())));
        f.learnloop.commerce().setOfferActive(ApiFixture.CREATOR, f.javaOffer.id(), false);

        JsonNode java = json(f.get("/courses/" + f.java.id().value(), null));
        JsonNode sql = json(f.get("/courses/" + f.sql.id().value(), null));

        assertThat(java.get("offers")).extracting(o -> o.get("id").asText()).containsExactly(bundle.id().value());
        assertThat(sql.get("offers")).extracting(o -> o.get("id").asText())
                .containsExactly(f.sqlOffer.id().value(), bundle.id().value());
    }

    @Test
    void getCoursePage_whenAnOfferIsPayPerOutcome_showsItsGeneratedTermsInEnglishAndChinese() {
        var offer = f.learnloop.commerce().createOffer(ApiFixture.CREATOR, io.learnloop.core.commerce.OfferDraft
                .course("Pass or 50% back", io.learnloop.core.money.Money.ofMinor(30000, "CNY"), f.sql.id())
                .withOutcome(io.learnloop.core.commerce.OutcomeCondition.refundShareIfNotPassed(
                        java.time.Duration.ofDays(60), 5000)));
        var expected = offer.outcomeTerms();

        JsonNode page = json(f.get("/courses/" + f.sql.id().value(), null));
        JsonNode terms = null;
        for (JsonNode o : page.get("offers")) {
            if (o.get("id").asText().equals(offer.id().value())) {
                terms = o.get("outcomeTerms");
            } else {
                assertThat(o.get("outcomeTerms").isNull()).isTrue();
            }
        }

        assertThat(terms).as(page.toString()).isNotNull();
        assertThat(terms.get("kind").asText()).isEqualTo("REFUND_SHARE_IF_NOT_PASSED");
        assertThat(terms.get("refundShareBps").asInt()).isEqualTo(5000);
        assertThat(terms.get("refundAtList").get("minor").asLong()).isEqualTo(expected.refundAtList().minor());
        assertThat(terms.get("english").asText()).isEqualTo(expected.english()).contains("50%");
        assertThat(terms.get("chinese").asText()).isEqualTo(expected.chinese());
        assertThat(json(f.get("/offers/" + offer.id().value(), null)).get("outcomeTerms").get("english").asText())
                .isEqualTo(expected.english());
    }

    @Test
    void getCoursePage_whenDraft_answers404() {
        RestResponse r = f.get("/courses/" + f.draft.id().value(), null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(json(r).get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void listCourseQuizzes_whenPublished_namesEachQuizAndItsRulesWithoutQuestions() {
        RestResponse r = f.get("/courses/" + f.java.id().value() + "/quizzes", null);
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        JsonNode items = json(r).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("id").asText()).isEqualTo(f.quiz.id().value());
        assertThat(items.get(0).get("title").asText()).isEqualTo("Java basics");
        assertThat(items.get(0).get("passingPercent").asInt()).isEqualTo(f.quiz.settings().passingPercent());
        assertThat(r.bodyText()).doesNotContain("A record is immutable").doesNotContain("questions");
    }

    @Test
    void listCourseQuizzes_whenDraft_answers404() {
        RestResponse r = f.get("/courses/" + f.draft.id().value() + "/quizzes", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(json(r).get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void getOffer_whenActive_answersTheOffer() {
        JsonNode o = json(f.get("/offers/" + f.sqlOffer.id().value(), null));
        assertThat(o.get("kind").asText()).isEqualTo("COURSE");
        assertThat(o.get("courses").get(0).asText()).isEqualTo(f.sql.id().value());
    }

    @Test
    void getOpenApiDocument_whenAsked_servesTheDocument() {
        RestResponse r = f.get("/openapi.json", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("openapi").asText()).startsWith("3.1");
    }
}
