package io.learnloop.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.community.NewSpace;
import io.learnloop.community.Space;
import io.learnloop.community.Topic;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static io.learnloop.rest.ApiFixture.LENA;
import static io.learnloop.rest.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Community threads and posts through the API, with the community's own access rules. */
class CommunityTest {
    private static final Actor MODERATOR = Actor.of("mo", Role.MODERATOR);
    private final ApiFixture f = new ApiFixture();
    private final Space lounge = f.community.createSpace(MODERATOR, NewSpace.general("Lounge"));

    @Test
    void createTopic_whenSignedIn_opensAThreadThatListsWithItsReplies() {
        RestResponse created = f.post("/community/spaces/" + lounge.id() + "/topics", LENA,
                "{\"title\":\"How do records compare?\",\"markdown\":\"By their components, I think.\","
                        + "\"question\":true}");
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        String topic = json(created).get("id").asText();

        RestResponse reply = f.post("/community/topics/" + topic + "/posts", ApiFixture.MAX,
                "{\"markdown\":\"Yes, equals compares every component.\",\"replyToNumber\":1}");
        assertThat(reply.status()).as(reply.bodyText()).isEqualTo(201);

        JsonNode topics = json(f.get("/community/spaces/" + lounge.id() + "/topics", LENA));
        assertThat(topics.get("items")).extracting(t -> t.get("id").asText()).contains(topic);
        JsonNode posts = json(f.get("/community/topics/" + topic + "/posts", LENA));
        assertThat(posts.get("items")).hasSize(2);
        assertThat(json(f.get("/community/topics/" + topic, LENA)).get("question").asBoolean()).isTrue();
        assertThat(json(f.get("/community/spaces", LENA)).get("items")).isNotEmpty();
    }

    @Test
    void listPosts_whenFollowingNextCursor_readsEveryPostOnceInOrder() {
        Topic topic = f.community.createTopic(LENA, lounge.id(), "A long thread", "Post 1", false);
        for (int i = 2; i <= 120; i++) {
            f.community.reply(Actor.learner("learner-" + i), topic.id(), "Post " + i, 0);
        }

        List<Integer> numbers = new ArrayList<>();
        int pages = follow("/community/topics/" + topic.id() + "/posts", p -> numbers.add(p.get("number").asInt()));

        assertThat(pages).isEqualTo(3);
        assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, 120).boxed().toList());
    }

    @Test
    void listTopics_whenFollowingNextCursor_readsEveryThreadOnce() {
        List<String> opened = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            opened.add(f.community.createTopic(Actor.learner("learner-" + i), lounge.id(), "Thread " + i, "Text", false)
                    .id());
        }

        List<String> listed = new ArrayList<>();
        int pages = follow("/community/spaces/" + lounge.id() + "/topics", t -> listed.add(t.get("id").asText()));

        assertThat(pages).isEqualTo(2);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(opened).doesNotHaveDuplicates();
    }

    @Test
    void listPosts_whenCursorIsNotOneItReturned_answers400NamingCursor() {
        Topic topic = f.community.createTopic(LENA, lounge.id(), "Thread", "Post 1", false);

        RestResponse r = f.get("/community/topics/" + topic.id() + "/posts", LENA, Map.of("cursor", "page-2"));

        assertThat(r.status()).as(r.bodyText()).isEqualTo(400);
        assertThat(r.bodyText()).contains("cursor");
    }

    @Test
    void listSpaces_whenFollowingNextCursor_readsEverySpaceOnce() {
        List<String> created = new ArrayList<>(List.of(lounge.id()));
        for (int i = 1; i <= 60; i++) {
            f.clock.advance(java.time.Duration.ofSeconds(1));
            created.add(f.community.createSpace(MODERATOR, NewSpace.general("Space " + i)).id());
        }

        List<String> listed = new ArrayList<>();
        int pages = follow("/community/spaces", s -> listed.add(s.get("id").asText()));

        assertThat(pages).isEqualTo(2);
        assertThat(listed).containsExactlyElementsOf(created);
    }

    @Test
    void listTopics_whenLimitGiven_answersPagesOfThatSize() {
        for (int i = 1; i <= 7; i++) {
            f.community.createTopic(Actor.learner("learner-" + i), lounge.id(), "Thread " + i, "Text", false);
        }

        List<String> listed = new ArrayList<>();
        int pages = follow("/community/spaces/" + lounge.id() + "/topics", Map.of("limit", "3"),
                t -> listed.add(t.get("id").asText()));

        assertThat(pages).isEqualTo(3);
        assertThat(listed).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void listPostsAndSpaces_whenLimitGiven_answerAtMostThatMany() {
        Topic topic = f.community.createTopic(LENA, lounge.id(), "Thread", "Post 1", false);
        for (int i = 2; i <= 5; i++) {
            f.community.reply(LENA, topic.id(), "Post " + i, 0);
        }
        f.community.createSpace(MODERATOR, NewSpace.general("Second"));

        JsonNode posts = json(f.get("/community/topics/" + topic.id() + "/posts", LENA, Map.of("limit", "2")));
        JsonNode spaces = json(f.get("/community/spaces", LENA, Map.of("limit", "1")));

        assertThat(posts.get("items")).extracting(p -> p.get("number").asInt()).containsExactly(1, 2);
        assertThat(posts.get("nextCursor").isNull()).isFalse();
        assertThat(spaces.get("items")).hasSize(1);
        assertThat(spaces.get("nextCursor").isNull()).isFalse();
    }

    @Test
    void listSpaces_whenLimitOutOfRange_answers400NamingLimit() {
        for (String limit : List.of("0", "101", "many")) {
            RestResponse r = f.get("/community/spaces", LENA, Map.of("limit", limit));

            assertThat(r.status()).as(r.bodyText()).isEqualTo(400);
            assertThat(json(r).get("errors").get(0).get("field").asText()).isEqualTo("limit");
        }
    }

    /** Reads a listing by following nextCursor to the end; answers the number of pages. */
    private int follow(String path, Consumer<JsonNode> item) {
        return follow(path, Map.of(), item);
    }

    private int follow(String path, Map<String, String> query, Consumer<JsonNode> item) {
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> q = new java.util.HashMap<>(query);
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            RestResponse r = f.get(path, LENA, q);
            assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
            JsonNode body = json(r);
            body.get("items").forEach(item);
            pages++;
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
        } while (cursor != null && pages < 10);
        return pages;
    }

    @Test
    void createTopic_whenNobodySignedIn_answers401AndOpensNothing() {
        RestResponse r = f.post("/community/spaces/" + lounge.id() + "/topics", null,
                "{\"title\":\"Hello\",\"markdown\":\"Anyone?\",\"question\":false}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(f.community.topics(LENA, lounge.id()).items()).isEmpty();
    }

    @Test
    void listTopics_whenApiHasNoCommunity_answers501() {
        RestApi bare = RestApi.builder(f.learnloop).build();
        RestRequest request = RestRequest.of("GET", "/community/spaces", LENA);
        RestResponse r = bare.handle(request);
        OpenApiContract.check(request, r);
        assertThat(r.status()).isEqualTo(501);
        assertThat(json(r).get("code").asText()).isEqualTo("CONFIGURATION");
    }
}
