package io.learnloop.community;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.community.internal.discourse.DiscourseCommunity;
import io.learnloop.community.internal.discourse.DiscourseConnect;
import io.learnloop.core.ServiceContext;
import io.learnloop.http.SharedHttpClient;
import org.junit.jupiter.api.AfterEach;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.learnloop.community.DiscourseFixtures.basicGroup;
import static io.learnloop.community.DiscourseFixtures.category;
import static io.learnloop.community.DiscourseFixtures.member;
import static io.learnloop.community.DiscourseFixtures.reviewable;
import static io.learnloop.community.DiscourseFixtures.streamPost;
import static io.learnloop.community.DiscourseFixtures.topicList;
import static io.learnloop.community.DiscourseFixtures.topicView;
import static io.learnloop.community.Json.arr;
import static io.learnloop.community.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour suite on the Discourse backend, against WireMock answering as Discourse documents. */
class DiscourseCommunityTest extends CommunityBehaviourSuite {
    static final String KEY = "admin-api-key-6a1f";
    static final String CONNECT_SECRET = "connect-secret-for-tests";

    private WireMockServer wm;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    protected Community newCommunity(ServiceContext ctx, CommunityOptions options) {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        stub(get(urlEqualTo("/site.json")), DiscourseFixtures.site());
        DiscourseConfig config = DiscourseConfig.builder("http://localhost:" + wm.port(), KEY)
                .apiUsername("system")
                .connectSecret(CONNECT_SECRET)
                .http(SharedHttpClient.builder().timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).sleeper(sleeps::add).build())
                .build();
        return Communities.discourse(ctx, options, config);
    }

    /** The Discourse group of the course space's course. */
    private String courseGroup() {
        return DiscourseCommunity.courseGroupName(course);
    }

    @AfterEach
    void stopServer() {
        wm.stop();
    }

    @Override
    protected long postsCreated() {
        return wm.countRequestsMatching(postRequestedFor(urlEqualTo("/posts.json")).build()).getCount();
    }

    @Override
    protected void seedTopics(Space space, int count) {
        // The topics live on the Discourse side; the PAGE_250 stubs serve them.
    }

    /** Every stub insists on the API headers, so a call without them finds no answer and fails. */
    private void stub(MappingBuilder request, Object body) {
        wm.stubFor(withApiHeaders(request).willReturn(okJson(body)));
    }

    private static MappingBuilder withApiHeaders(MappingBuilder request) {
        return request.withHeader("Api-Key", equalTo(KEY))
                .withHeader("Accept", equalTo("application/json"))
                .withQueryParam("api_key", absent());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(Object body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Json.write(body));
    }

    /** Checks one request kind header by header and returns how often it came. */
    private int verifyHeaders(RequestPatternBuilder pattern, String user, boolean hasBody) {
        pattern.withHeader("Api-Key", equalTo(KEY))
                .withHeader("Api-Username", equalTo(user))
                .withHeader("Accept", equalTo("application/json"));
        if (hasBody) {
            pattern.withHeader("Content-Type", containing("application/json"));
        }
        return wm.countRequestsMatching(pattern.build()).getCount();
    }

    private void stubCourseSpace() {
        stub(post(urlEqualTo("/admin/groups.json")).withRequestBody(matchingJsonPath("$.group.name", equalTo(courseGroup()))),
                basicGroup(41, courseGroup(), SPACE_NAME));
        stub(post(urlEqualTo("/categories.json")).withRequestBody(matchingJsonPath("$.name", equalTo(SPACE_NAME))),
                category(7, SPACE_NAME, "java-101", courseGroup()));
    }

    private Map<String, Object> topic100() {
        return topicView(100, 7, TITLE, "ann",
                arr(streamPost(1000, 100, 1, "ann", QUESTION), streamPost(1001, 100, 2, "bob", ANSWER)), arr(1000, 1001));
    }

    private Map<String, Object> reply1001(boolean hidden, List<Object> actions) {
        return DiscourseFixtures.post(1001, 100, 2, "bob", ANSWER, 1, hidden, actions);
    }

    @Override
    protected void given(CommunityBehaviourSuite.Scenario scenario) {
        switch (scenario) {
            case SPACE_TOPIC_REPLY -> {
                stubCourseSpace();
                stub(post(urlEqualTo("/posts.json")).withHeader("Api-Username", equalTo("ann"))
                                .withRequestBody(matchingJsonPath("$.title")),
                        DiscourseFixtures.post(1000, 100, 1, "ann", QUESTION, null, false, arr()));
                stub(post(urlEqualTo("/posts.json")).withHeader("Api-Username", equalTo("bob"))
                        .withRequestBody(matchingJsonPath("$.topic_id", equalTo("100"))), reply1001(false, arr()));
                stub(get(urlEqualTo("/t/100.json")), topic100());
            }
            case ACCEPT -> {
                stub(get(urlEqualTo("/posts/1001.json")), reply1001(false, arr()));
                stub(post(urlEqualTo("/solution/accept")), obj("success", "OK", "accepted_answer",
                        obj("post_number", 2, "username", "bob", "excerpt", ANSWER)));
            }
            case NOTIFICATIONS -> {
                stub(get(urlEqualTo("/notifications.json")).withHeader("Api-Username", equalTo("ann")), obj(
                        "notifications", arr(
                                notification(502, 1, 100, 2, obj("topic_title", TITLE, "original_post_id", 1001,
                                        "original_username", "bob", "display_username", "bob")),
                                notification(501, 2, 100, 2, obj("topic_title", TITLE, "original_post_id", 1001,
                                        "original_username", "bob", "display_username", "bob"))),
                        "total_rows_notifications", 2, "seen_notification_id", 0,
                        "load_more_notifications", "/notifications?offset=60&username=ann"));
                stub(get(urlEqualTo("/notifications.json")).withHeader("Api-Username", equalTo("bob")), obj(
                        "notifications", arr(notification(503, 14, 100, 2, obj("message", "solved.accepted_notification",
                                "display_username", "ann", "topic_title", TITLE, "title", "solved.notification.title"))),
                        "total_rows_notifications", 1, "seen_notification_id", 0,
                        "load_more_notifications", "/notifications?offset=60&username=bob"));
                stub(put(urlEqualTo("/notifications/mark-read.json")), obj("success", "OK"));
            }
            case REACT -> stub(post(urlEqualTo("/post_actions.json")),
                    reply1001(false, arr(obj("id", 2, "count", 1, "acted", true, "can_undo", true))));
            case GROUP_JOIN -> {
                stub(post(urlEqualTo("/admin/groups.json")).withRequestBody(matchingJsonPath("$.group.name", equalTo("java-buddies"))),
                        basicGroup(42, "java-buddies", "java-buddies"));
                stub(post(urlEqualTo("/categories.json")).withRequestBody(matchingJsonPath("$.name", equalTo("java-buddies"))),
                        category(8, "java-buddies", "java-buddies", "java-buddies"));
                stub(put(urlEqualTo("/groups/42/members.json")), obj("success", "OK", "usernames", arr("bob"), "emails", arr()));
                stub(get(urlEqualTo("/groups/java-buddies/members.json?limit=50&offset=0")), obj(
                        "members", arr(member(5, "ann"), member(6, "bob")), "owners", arr(member(5, "ann")),
                        "meta", obj("total", 2, "limit", 50, "offset", 0)));
            }
            case REPORT_MODERATE -> {
                stub(post(urlEqualTo("/post_actions.json")), reply1001(false, arr()));
                stub(get(urlPathEqualTo("/review.json")).withQueryParam("status", equalTo("pending")), obj(
                        "reviewables", arr(reviewable(555, 1001, 100, 0, 3)), "users", arr(),
                        "meta", obj("total_rows_reviewables", 1, "types", obj(), "reviewable_count", 1,
                                "load_more_reviewables", "/review.json?offset=1&status=pending")));
                stub(get(urlEqualTo("/review/555.json")), obj("reviewable", reviewable(555, 1001, 100, 0, 3)));
                wm.stubFor(withApiHeaders(put(urlEqualTo("/review/555/perform/agree_and_hide?version=3")))
                        .inScenario("moderation").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("hidden")
                        .willReturn(okJson(obj("reviewable_perform_result", obj("success", true,
                                "transition_to", "approved", "transition_to_id", 1, "remove_reviewable_ids", arr(555),
                                "version", 4, "reviewable_count", 0)))));
                wm.stubFor(withApiHeaders(get(urlEqualTo("/posts/1001.json"))).inScenario("moderation")
                        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                        .willReturn(okJson(reply1001(false, arr()))));
                wm.stubFor(withApiHeaders(get(urlEqualTo("/posts/1001.json"))).inScenario("moderation")
                        .whenScenarioStateIs("hidden").willReturn(okJson(reply1001(true, arr()))));
                stub(put(urlEqualTo("/posts/1001/unhide.json")), obj("success", "OK"));
            }
            case PAGE_250 -> {
                stubCourseSpace();
                stub(get(urlEqualTo("/c/java-101/7.json?order=created&ascending=true&page=0")),
                        topicList(1, 30, "/c/java-101/7?order=created&ascending=true&page=1"));
                for (int page = 1; page <= 8; page++) {
                    int from = page * 30 + 1;
                    int to = Math.min(250, from + 29);
                    String more = to < 250 ? "/c/java-101/7?order=created&ascending=true&page=" + (page + 1) : null;
                    stub(get(urlEqualTo("/c/java-101/7?order=created&ascending=true&page=" + page)),
                            topicList(from, to, more));
                }
            }
            case ENTITLEMENT -> stub(get(urlEqualTo("/c/java-101/7.json?order=created&ascending=true&page=0")),
                    topicList(1, 1, null));
            case REFUND_SYNC -> {
                stubCourseSpace();
                stub(post(urlEqualTo("/admin/users/sync_sso")), obj("id", 5, "username", "ann", "name", "Ann Lee",
                        "active", true, "admin", false, "moderator", false, "trust_level", 1));
                stub(get(urlEqualTo("/c/java-101/7.json?order=created&ascending=true&page=0")), topicList(1, 0, null));
            }
            case UNKNOWN_COURSE -> stub(get(urlEqualTo("/categories.json")), obj("category_list",
                    obj("can_create_category", true, "categories", arr())));
            case ACCESS_EXPIRED -> {
                stubCourseSpace();
                stub(post(urlEqualTo("/admin/users/sync_sso")), obj("id", 5, "username", "ann", "name", null,
                        "active", true, "admin", false, "moderator", false, "trust_level", 1));
            }
            case BAD_INPUT -> wm.stubFor(withApiHeaders(get(urlEqualTo("/t/999999.json"))).willReturn(aResponse()
                    .withStatus(404).withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(Json.write(obj("errors", arr("The requested URL or resource could not be found."),
                            "error_type", "not_found")))));
            case SUSPENDED -> {
                stub(get(urlEqualTo("/u/by-external/bob.json")), obj("user", obj("id", 6, "username", "bob",
                        "name", null, "external_id", "bob")));
                stub(put(urlEqualTo("/admin/users/6/suspend.json")), obj("suspension", obj(
                        "suspend_reason", "Spamming links", "full_suspend_reason", "Spamming links",
                        "suspended_till", "2026-03-02T10:00:00.000Z", "suspended_at", DiscourseFixtures.CREATED,
                        "suspended_by", obj("id", 1, "username", "mod"))));
            }
            default -> {
            }
        }
    }

    private static Map<String, Object> notification(long id, int type, long topicId, int postNumber, Map<String, Object> data) {
        return obj("id", id, "user_id", 5, "external_id", null, "notification_type", type, "read", false,
                "high_priority", false, "created_at", DiscourseFixtures.CREATED, "post_number", postNumber,
                "topic_id", topicId, "fancy_title", TITLE, "slug", "how-do-generics-work-in-java", "data", data);
    }

    @Override
    protected void verifySent(CommunityBehaviourSuite.Scenario scenario) {
        switch (scenario) {
            case SPACE_TOPIC_REPLY -> {
                assertThat(verifyHeaders(postRequestedFor(urlEqualTo("/admin/groups.json"))
                        .withRequestBody(matchingJsonPath("$.group.name", equalTo(courseGroup()))), "system", true)).isEqualTo(1);
                assertThat(verifyHeaders(postRequestedFor(urlEqualTo("/categories.json"))
                        .withRequestBody(matchingJsonPath("$.permissions." + courseGroup(), equalTo("1")))
                        .withRequestBody(matchingJsonPath("$.color"))
                        .withRequestBody(matchingJsonPath("$.text_color")), "system", true)).isEqualTo(1);
                assertThat(verifyHeaders(postRequestedFor(urlEqualTo("/posts.json"))
                        .withRequestBody(matchingJsonPath("$.title", equalTo(TITLE)))
                        .withRequestBody(matchingJsonPath("$.raw", equalTo(QUESTION)))
                        .withRequestBody(matchingJsonPath("$.category", equalTo("7")))
                        .withRequestBody(matchingJsonPath("$.tags[0]", equalTo("question")))
                        .withRequestBody(matchingJsonPath("$.external_id", com.github.tomakehurst.wiremock.client.WireMock
                                .matching("ll-.+"))), "ann", true)).isEqualTo(1);
                assertThat(verifyHeaders(postRequestedFor(urlEqualTo("/posts.json"))
                        .withRequestBody(equalToJson("{\"topic_id\":100,\"raw\":" + Json.write(ANSWER)
                                + ",\"reply_to_post_number\":1}")), "bob", true)).isEqualTo(1);
                assertThat(verifyHeaders(getRequestedFor(urlEqualTo("/t/100.json")), "ann", false)).isGreaterThanOrEqualTo(1);
            }
            case ACCEPT -> assertThat(verifyHeaders(postRequestedFor(urlEqualTo("/solution/accept"))
                    .withRequestBody(equalToJson("{\"id\":1001}")), "ann", true)).isEqualTo(1);
            case NOTIFICATIONS -> assertThat(verifyHeaders(putRequestedFor(urlEqualTo("/notifications/mark-read.json"))
                    .withRequestBody(equalToJson("{\"id\":503}")), "bob", true)).isEqualTo(1);
            case REACT -> {
                assertThat(verifyHeaders(getRequestedFor(urlEqualTo("/site.json")), "system", false)).isEqualTo(1);
                assertThat(verifyHeaders(postRequestedFor(urlEqualTo("/post_actions.json"))
                        .withRequestBody(equalToJson("{\"id\":1001,\"post_action_type_id\":2}")), "ann", true)).isEqualTo(1);
            }
            case GROUP_JOIN -> {
                assertThat(verifyHeaders(postRequestedFor(urlEqualTo("/admin/groups.json"))
                        .withRequestBody(matchingJsonPath("$.group.owner_usernames", equalTo("ann"))), "system", true)).isEqualTo(1);
                assertThat(verifyHeaders(postRequestedFor(urlEqualTo("/categories.json"))
                        .withRequestBody(matchingJsonPath("$.permissions.java-buddies", equalTo("1"))), "system", true))
                        .isEqualTo(1);
                assertThat(verifyHeaders(putRequestedFor(urlEqualTo("/groups/42/members.json"))
                        .withRequestBody(equalToJson("{\"usernames\":\"bob\"}")), "system", true)).isEqualTo(1);
            }
            case REPORT_MODERATE -> {
                assertThat(verifyHeaders(postRequestedFor(urlEqualTo("/post_actions.json"))
                        .withRequestBody(matchingJsonPath("$.post_action_type_id", equalTo("4")))
                        .withRequestBody(matchingJsonPath("$.message", equalTo("Rude tone"))), "ann", true)).isEqualTo(1);
                assertThat(verifyHeaders(putRequestedFor(urlEqualTo("/review/555/perform/agree_and_hide?version=3")),
                        "mod", true)).isEqualTo(1);
                assertThat(verifyHeaders(putRequestedFor(urlEqualTo("/posts/1001/unhide.json")), "mod", true)).isEqualTo(1);
            }
            case PAGE_250 -> {
                assertThat(verifyHeaders(getRequestedFor(urlEqualTo("/c/java-101/7.json?order=created&ascending=true&page=0")),
                        "ann", false)).isEqualTo(1);
                // Discourse's more_topics_url has no .json: the Accept header alone asks for JSON.
                assertThat(verifyHeaders(getRequestedFor(urlPathEqualTo("/c/java-101/7")), "ann", false)).isEqualTo(8);
            }
            case ENTITLEMENT -> {
                assertThat(wm.countRequestsMatching(postRequestedFor(urlPathMatching("/.*"))
                        .withHeader("Api-Username", equalTo("eve")).build()).getCount()).isZero();
                assertThat(wm.countRequestsMatching(getRequestedFor(urlPathMatching("/c/.*"))
                        .withHeader("Api-Username", equalTo("eve")).build()).getCount()).isZero();
            }
            case REFUND_SYNC -> {
                List<LoggedRequest> syncs = wm.findAll(postRequestedFor(urlEqualTo("/admin/users/sync_sso"))
                        .withHeader("Api-Key", equalTo(KEY)).withHeader("Api-Username", equalTo("system")));
                assertThat(syncs).hasSize(2);
                Map<String, String> first = decodeSso(syncs.get(0).getBodyAsString());
                Map<String, String> second = decodeSso(syncs.get(1).getBodyAsString());
                assertThat(first).containsEntry("external_id", "ann").containsEntry("email", "ann@example.com")
                        .containsEntry("username", "ann").containsEntry("add_groups", courseGroup())
                        .doesNotContainKey("remove_groups");
                assertThat(second).containsEntry("remove_groups", courseGroup()).doesNotContainKey("add_groups");
            }
            case UNKNOWN_COURSE -> {
                assertThat(wm.countRequestsMatching(postRequestedFor(urlEqualTo("/admin/groups.json")).build())
                        .getCount()).isZero();
                assertThat(wm.countRequestsMatching(postRequestedFor(urlEqualTo("/categories.json")).build())
                        .getCount()).isZero();
            }
            case ACCESS_EXPIRED -> {
                List<LoggedRequest> syncs = wm.findAll(postRequestedFor(urlEqualTo("/admin/users/sync_sso"))
                        .withHeader("Api-Key", equalTo(KEY)).withHeader("Api-Username", equalTo("system")));
                assertThat(syncs).hasSize(1);
                assertThat(decodeSso(syncs.get(0).getBodyAsString())).containsEntry("external_id", "ann")
                        .containsEntry("remove_groups", courseGroup()).doesNotContainKey("add_groups");
            }
            case BAD_INPUT -> assertThat(wm.countRequestsMatching(postRequestedFor(urlEqualTo("/posts.json"))
                    .withHeader("Api-Username", equalTo("bob")).build()).getCount()).isZero();
            case SUSPENDED -> {
                assertThat(verifyHeaders(putRequestedFor(urlEqualTo("/admin/users/6/suspend.json"))
                        .withRequestBody(matchingJsonPath("$.reason", equalTo("Spamming links")))
                        .withRequestBody(matchingJsonPath("$.suspend_until", equalTo("2026-03-02T10:00:00Z"))), "mod", true))
                        .isEqualTo(1);
                assertThat(wm.countRequestsMatching(postRequestedFor(urlEqualTo("/posts.json"))
                        .withHeader("Api-Username", equalTo("bob")).build()).getCount()).isZero();
            }
            default -> {
            }
        }
    }

    /** Checks the signature, then decodes the DiscourseConnect payload. */
    private static Map<String, String> decodeSso(String body) {
        Map<String, Object> json = Json.read(body);
        String sso = (String) json.get("sso");
        String sig = (String) json.get("sig");
        assertThat(sig).isEqualTo(DiscourseConnect.hmacHex(CONNECT_SECRET, sso.getBytes(StandardCharsets.UTF_8)));
        String query = new String(Base64.getDecoder().decode(sso), StandardCharsets.UTF_8);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }
}
