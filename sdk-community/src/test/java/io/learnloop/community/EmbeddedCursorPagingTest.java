package io.learnloop.community;

import io.learnloop.core.Learnloop;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded backend's topic and post listings, resumed page by page from cursors, on every store. */
class EmbeddedCursorPagingTest {
    private static final Actor MOD = Actor.of("mod", Role.MODERATOR);
    private static final Actor ANN = Actor.learner("ann");
    private static final Actor BOB = Actor.learner("bob");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private Community community;
    private Space space;

    private void open(TestStores store) {
        Learnloop learnloop = Learnloop.builder().store(store.open().store()).clock(clock)
                .idGenerator(IdGenerator.randomUuids()).build();
        community = Communities.embedded(learnloop.context(), CommunityOptions.builder(new Entitlements())
                .catalog(learnloop.catalog()).postingLimit(1000, Duration.ofMinutes(1)).pageSize(30).build());
        space = community.createSpace(MOD, NewSpace.general("Lounge"));
    }

    /** Follows nextCursor from the first page to the last, one call per page. */
    private static <T> List<List<T>> pages(Function<String, Page<T>> listing) {
        List<List<T>> pages = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = listing.apply(cursor);
            pages.add(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && pages.size() < 10);
        return pages;
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void spaces_whenFollowingCursorsWithAPageSize_readsEverySpaceOnceOldestFirst(TestStores store) {
        open(store);
        List<String> created = new ArrayList<>(List.of(space.id()));
        for (int i = 1; i <= 6; i++) {
            clock.advance(Duration.ofSeconds(1));
            created.add(community.createSpace(MOD, NewSpace.general("Space " + i)).id());
        }

        List<List<Space>> pages = pages(cursor -> community.spaces(ANN, cursor, 3));

        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(List::stream).map(Space::id)).containsExactlyElementsOf(created);
        assertThat(community.spaces(ANN).items()).extracting(Space::id).containsExactlyElementsOf(created);
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void topicsAndPosts_whenPageSizeOutOfRange_failNamingPageSize(TestStores store) {
        open(store);

        assertThatThrownBy(() -> community.topics(ANN, space.id(), null, 0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).contains("pageSize"));
        assertThatThrownBy(() -> community.spaces(ANN, null, Community.MAX_PAGE_SIZE + 1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).contains("pageSize"));
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void posts_whenFollowingCursors_readsThreePagesInOrderWithoutDuplicates(TestStores store) {
        open(store);
        Topic topic = community.createTopic(ANN, space.id(), "Long thread", "Post 1", false);
        for (int i = 2; i <= 75; i++) {
            clock.advance(Duration.ofSeconds(1));
            community.reply(i % 2 == 0 ? BOB : ANN, topic.id(), "Post " + i, 0);
        }

        List<List<Post>> pages = pages(cursor -> community.posts(BOB, topic.id(), cursor));

        assertThat(pages).extracting(List::size).containsExactly(30, 30, 15);
        assertThat(pages.stream().flatMap(List::stream).map(Post::number))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 75).boxed().toList());
        assertThat(pages.stream().flatMap(List::stream).map(Post::markdown)).doesNotHaveDuplicates();
        assertThat(community.posts(BOB, topic.id()).streamAll()).hasSize(75);
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void posts_whenAPostIsHidden_learnersPageWithoutItAndModeratorsWithIt(TestStores store) {
        open(store);
        Topic topic = community.createTopic(ANN, space.id(), "Thread", "Post 1", false);
        List<Post> replies = new ArrayList<>();
        for (int i = 2; i <= 40; i++) {
            replies.add(community.reply(BOB, topic.id(), "Post " + i, 0));
        }
        Report report = community.report(ANN, replies.get(9).id(), ReportReason.SPAM, null);
        community.moderate(MOD, report.id(), ModerationAction.HIDE);

        List<Integer> learnerSees = pages(cursor -> community.posts(ANN, topic.id(), cursor)).stream()
                .flatMap(List::stream).map(Post::number).toList();
        List<Integer> moderatorSees = pages(cursor -> community.posts(MOD, topic.id(), cursor)).stream()
                .flatMap(List::stream).map(Post::number).toList();

        assertThat(learnerSees).hasSize(39).doesNotContain(replies.get(9).number()).isSorted();
        assertThat(moderatorSees).containsExactlyElementsOf(IntStream.rangeClosed(1, 40).boxed().toList());
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void topics_whenFollowingCursors_readsOldestFirstAcrossPages(TestStores store) {
        open(store);
        List<String> opened = new ArrayList<>();
        for (int i = 1; i <= 35; i++) {
            clock.advance(Duration.ofSeconds(1));
            opened.add(community.createTopic(ANN, space.id(), "Topic " + i, "Text " + i, false).id());
        }

        List<List<Topic>> pages = pages(cursor -> community.topics(BOB, space.id(), cursor));

        assertThat(pages).extracting(List::size).containsExactly(30, 5);
        assertThat(pages.stream().flatMap(List::stream).map(Topic::id)).containsExactlyElementsOf(opened);
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void postsAndTopics_whenCursorIsNotOneTheyReturned_validationErrorNamingCursor(TestStores store) {
        open(store);
        Topic topic = community.createTopic(ANN, space.id(), "Thread", "Post 1", false);

        assertThatThrownBy(() -> community.posts(ANN, topic.id(), "page-2"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("cursor"));
        assertThatThrownBy(() -> community.topics(ANN, space.id(), ""))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("cursor"));
    }
}
