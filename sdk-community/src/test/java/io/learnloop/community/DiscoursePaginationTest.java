package io.learnloop.community;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.http.SharedHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.learnloop.community.Json.arr;
import static io.learnloop.community.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** Discourse's four paging schemes (and the topic post stream) behind one Page. */
class DiscoursePaginationTest {
    private static final Actor ANN = Actor.learner("ann");
    private static final Actor MOD = Actor.of("mod", Role.MODERATOR);

    private WireMockServer wm;
    private Community community;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        stub("/site.json", DiscourseFixtures.site());
        community = Communities.discourse(Learnloop.builder().store(Stores.inMemory())
                        .clock(new MutableClock(Instant.parse("2026-03-01T10:00:00Z")))
                        .idGenerator(IdGenerator.sequential("id")).build().context(),
                CommunityOptions.builder((user, course) -> true).progress((u, c) -> 50).build(),
                DiscourseConfig.builder("http://localhost:" + wm.port(), "key-0123456789")
                        .http(SharedHttpClient.builder().sleeper(d -> { }).timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).build())
                        .build());
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private void stub(String url, Object body) {
        wm.stubFor(get(urlEqualTo(url)).withHeader("Accept", equalTo("application/json"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(Json.write(body))));
    }

    private static List<Object> posts(int highestId, int lowestId) {
        List<Object> out = new ArrayList<>();
        for (int id = highestId; id >= lowestId; id--) {
            out.add(DiscourseFixtures.post(id, 100, 1, "ann", "post " + id, null, false, arr()));
        }
        return out;
    }

    @Test
    void spaces_whenPagedBySize_resumesFromTheCursorThroughTheCategoriesList() {
        stub("/categories.json", obj("category_list", obj("can_create_category", false, "categories", arr(
                obj("id", 3, "name", "General", "slug", "general"),
                obj("id", 4, "name", "Lounge", "slug", "lounge"),
                obj("id", 5, "name", "Help", "slug", "help")))));

        Page<Space> first = community.spaces(ANN, null, 2);
        Page<Space> second = community.spaces(ANN, first.nextCursor(), 2);

        assertThat(first.items()).extracting(Space::id).containsExactly("3", "4");
        assertThat(second.items()).extracting(Space::id).containsExactly("5");
        assertThat(second.nextCursor()).isNull();
        assertThat(community.spaces(ANN, null, 2).streamAll().map(Space::id)).containsExactly("3", "4", "5");
    }

    @Test
    void topics_whenPageSizeGiven_askDiscourseForPagesOfThatSize() {
        stub("/c/c/9.json?order=created&ascending=true&per_page=5&page=0", obj("topic_list", obj("topics", arr())));

        community.topics(ANN, "9", null, 5);

        wm.verify(getRequestedFor(urlEqualTo("/c/c/9.json?order=created&ascending=true&per_page=5&page=0")));
    }

    @Test
    void latestPosts_whenBeforeCursor_followsItToTheOldest() {
        stub("/posts.json", obj("latest_posts", posts(150, 101)));
        stub("/posts.json?before=101", obj("latest_posts", posts(100, 51)));
        stub("/posts.json?before=51", obj("latest_posts", posts(50, 1)));

        List<Post> all = community.latestPosts(ANN).streamAll().toList();

        assertThat(all).hasSize(150);
        assertThat(all.get(0).id()).isEqualTo("150");
        assertThat(all.get(149).id()).isEqualTo("1");
    }

    @Test
    void members_whenLimitOffsetAndTotal_readsEveryMember() {
        wm.stubFor(post(urlEqualTo("/admin/groups.json")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody(Json.write(DiscourseFixtures.basicGroup(42, "readers", "readers")))));
        wm.stubFor(post(urlEqualTo("/categories.json")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody(Json.write(DiscourseFixtures.category(8, "readers", "readers", "readers")))));
        StudyGroup group = community.createGroup(ANN, new NewStudyGroup("readers", false, new GroupGoal("c1", 50, null)));
        for (int offset = 0; offset < 120; offset += 50) {
            List<Object> members = new ArrayList<>();
            for (int i = offset; i < Math.min(120, offset + 50); i++) {
                members.add(DiscourseFixtures.member(i, "user" + i));
            }
            stub("/groups/readers/members.json?limit=50&offset=" + offset, obj("members", members,
                    "owners", arr(DiscourseFixtures.member(0, "user0")), "meta", obj("total", 120, "limit", 50, "offset", offset)));
        }

        List<GroupMember> all = community.members(ANN, group.id()).streamAll().toList();
        GroupProgress progress = community.progress(ANN, group.id());

        assertThat(all).hasSize(120);
        assertThat(all.get(0).role()).isEqualTo(GroupRole.OWNER);
        assertThat(all.get(1).role()).isEqualTo(GroupRole.MEMBER);
        assertThat(progress.reached()).isTrue();
        assertThat(progress.percentByUser()).hasSize(120);
    }

    @Test
    void notifications_whenLoadMoreAndTotalRows_readsEveryNotification() {
        List<Object> first = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            first.add(notification(1000 - i));
        }
        List<Object> second = new ArrayList<>();
        for (int i = 60; i < 70; i++) {
            second.add(notification(1000 - i));
        }
        stub("/notifications.json", obj("notifications", first, "total_rows_notifications", 70,
                "seen_notification_id", 940, "load_more_notifications", "/notifications?offset=60&username=ann"));
        stub("/notifications?offset=60&username=ann", obj("notifications", second, "total_rows_notifications", 70,
                "seen_notification_id", 940, "load_more_notifications", "/notifications?offset=120&username=ann"));

        List<Notification> all = community.notifications(ANN).streamAll().toList();

        assertThat(all).hasSize(70);
        assertThat(all).extracting(Notification::kind).containsOnly(NotificationKind.REPLY);
        assertThat(wm.countRequestsMatching(getRequestedFor(urlPathEqualTo("/notifications")).build()).getCount()).isEqualTo(1);
    }

    private static Map<String, Object> notification(int id) {
        return obj("id", id, "user_id", 5, "notification_type", 2, "read", id < 950, "high_priority", false,
                "created_at", DiscourseFixtures.CREATED, "post_number", 2, "topic_id", 100, "slug", "t",
                "data", obj("topic_title", "T", "original_username", "bob", "display_username", "bob"));
    }

    @Test
    void groups_whenLoadMoreGroups_readsEveryPageAndSkipsAutomaticGroups() {
        stub("/groups.json", obj("groups", arr(group(1, "admins", true), group(41, "java-buddies", false),
                group(43, "rustaceans", false)), "total_rows_groups", 5, "load_more_groups", "/groups?page=1"));
        stub("/groups?page=1", obj("groups", arr(group(44, "go-getters", false), group(45, "pythonistas", false)),
                "total_rows_groups", 5, "load_more_groups", "/groups?page=2"));

        List<StudyGroup> all = community.groups(ANN).streamAll().toList();

        assertThat(all).extracting(StudyGroup::name).containsExactly("java-buddies", "rustaceans", "go-getters", "pythonistas");
    }

    private static Map<String, Object> group(int id, String name, boolean automatic) {
        return obj("id", id, "automatic", automatic, "name", name, "user_count", 3, "visibility_level", 0,
                "public_admission", true, "public_exit", true, "full_name", null);
    }

    @Test
    void search_whenMoreFullPageResults_readsNextPage() {
        stub("/search.json?q=generics%20wildcards&page=1", obj("posts", arr(
                        obj("id", 1001, "username", "bob", "topic_id", 100, "blurb", "wildcards are read-only", "post_number", 2)),
                "topics", arr(obj("id", 100, "title", "How do generics work?")), "users", arr(), "categories", arr(),
                "grouped_search_result", obj("more_posts", null, "more_users", null, "more_categories", null,
                        "term", "generics wildcards", "search_log_id", 1, "more_full_page_results", true,
                        "can_create_topic", true, "error", null, "post_ids", arr(1001))));
        stub("/search.json?q=generics%20wildcards&page=2", obj("posts", arr(
                        obj("id", 2002, "username", "ann", "topic_id", 200, "blurb", "generics and wildcards again", "post_number", 1)),
                "topics", arr(obj("id", 200, "title", "Generics, part 2")), "users", arr(), "categories", arr(),
                "grouped_search_result", obj("more_full_page_results", null, "post_ids", arr(2002))));

        List<SearchHit> hits = community.search(ANN, "generics wildcards").streamAll().toList();

        assertThat(hits).extracting(SearchHit::postId).containsExactly("1001", "2002");
        assertThat(hits.get(0).title()).isEqualTo("How do generics work?");
    }

    @Test
    void posts_whenStreamLongerThanFirstChunk_fetchesTheRestByPostIds() {
        stubStreamOf45Posts();

        List<Post> all = community.posts(MOD, "100").streamAll().toList();

        assertThat(all).extracting(Post::number).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 45).boxed().toList());
    }

    @Test
    void posts_whenResumedFromCursors_readsEachPartOfTheStreamOnce() {
        stubStreamOf45Posts();
        List<Integer> numbers = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        String cursor = null;
        do {
            Page<Post> page = community.posts(MOD, "100", cursor);
            page.items().forEach(p -> numbers.add(p.number()));
            cursor = page.nextCursor();
            cursors.add(cursor);
        } while (cursor != null && cursors.size() < 10);

        assertThat(cursors).containsExactly("20", "40", null);
        assertThat(numbers).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 45).boxed().toList());
    }

    @Test
    void topics_whenResumedFromCursor_readsThatPageNumber() {
        stub("/c/c/7.json?order=created&ascending=true&page=0",
                DiscourseFixtures.topicList(1, 30, "/c/c/7?order=created&ascending=true&page=1"));
        stub("/c/c/7.json?order=created&ascending=true&page=1", DiscourseFixtures.topicList(31, 40, null));

        Page<Topic> first = community.topics(MOD, "7", null);
        Page<Topic> second = community.topics(MOD, "7", first.nextCursor());

        assertThat(first.nextCursor()).isEqualTo("1");
        assertThat(second.items()).extracting(Topic::title).first().isEqualTo("Topic 31");
        assertThat(second.nextCursor()).isNull();
    }

    private void stubStreamOf45Posts() {
        List<Object> firstChunk = new ArrayList<>();
        List<Object> stream = new ArrayList<>();
        for (int n = 1; n <= 45; n++) {
            stream.add(1000 + n);
            if (n <= 20) {
                firstChunk.add(DiscourseFixtures.streamPost(1000 + n, 100, n, "ann", "p" + n));
            }
        }
        stub("/t/100.json", DiscourseFixtures.topicView(100, 7, "Long topic", "ann", firstChunk, stream));
        for (int from = 21; from <= 45; from += 20) {
            StringBuilder q = new StringBuilder("/t/100/posts.json?");
            List<Object> chunk = new ArrayList<>();
            for (int n = from; n <= Math.min(45, from + 19); n++) {
                q.append(n == from ? "" : "&").append("post_ids%5B%5D=").append(1000 + n);
                chunk.add(DiscourseFixtures.streamPost(1000 + n, 100, n, "ann", "p" + n));
            }
            stub(q.toString(), obj("post_stream", obj("posts", chunk)));
        }
    }
}
