package io.learnloop.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.community.NewSpace;
import io.learnloop.community.Space;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import org.junit.jupiter.api.Test;

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
