package io.learnloop.rest.internal;

import io.learnloop.community.Community;
import io.learnloop.community.Post;
import io.learnloop.community.Space;
import io.learnloop.community.Topic;
import io.learnloop.core.Page;
import io.learnloop.core.error.ValidationException;
import io.learnloop.rest.Route;

import java.util.List;

/**
 * The community: spaces, their threads (topics) and posts. Each listing is paged by cursor: the route answers the
 * community's {@link io.learnloop.community.Page#nextCursor()} and takes it back as {@code cursor}. A {@code limit}
 * sets the page size; without one the page size is the community's own.
 */
final class CommunityEndpoints {
    /** What every route answers when the host configured no community. */
    private static final int NO_COMMUNITY = 501;

    private final Community community;

    CommunityEndpoints(Community community) {
        this.community = community;
    }

    void register(Router.Builder routes) {
        routes.get("/community/spaces", "listSpaces", Route.Access.SIGNED_IN,
                        byCursor("The spaces the caller may read, oldest first", Space.class), this::spaces)
                .get("/community/spaces/{spaceId}/topics", "listTopics", Route.Access.SIGNED_IN,
                        byCursor("A space's threads, oldest first", Topic.class), this::topics)
                .post("/community/spaces/{spaceId}/topics", "createTopic", Route.Access.SIGNED_IN,
                        Doc.one("Opens a thread (a discussion or a question) with its first post", Topic.class)
                                .reads(Views.NewTopic.class).creates().problems(NO_COMMUNITY), this::createTopic)
                .get("/community/topics/{topicId}", "getTopic", Route.Access.SIGNED_IN,
                        Doc.one("A thread", Topic.class).problems(NO_COMMUNITY), this::topic)
                .get("/community/topics/{topicId}/posts", "listPosts", Route.Access.SIGNED_IN,
                        byCursor("A thread's posts in order (hidden posts only for moderators, so a page may be"
                                + " short yet have a next cursor)", Post.class), this::posts)
                .post("/community/topics/{topicId}/posts", "replyToTopic", Route.Access.SIGNED_IN,
                        Doc.one("Replies in a thread", Post.class).reads(Views.NewPost.class).creates()
                                .problems(NO_COMMUNITY), this::reply);
    }

    /** A listing paged by the community's cursor, at the community's page size unless the client sets a limit. */
    private static Doc byCursor(String summary, Class<?> item) {
        return new Doc(summary, null, item, Doc.Shape.PAGE, 200, List.of("cursor")).limited(Doc.Limit.SERVICE_DEFAULT)
                .problems(NO_COMMUNITY);
    }

    private Community community() {
        if (community == null) {
            throw new RestFailure(501, "CONFIGURATION", "This server has no community: the host configured none for"
                    + " the API.");
        }
        return community;
    }

    private static <T> Page<T> resumable(io.learnloop.community.Page<T> page) {
        return new Page<>(page.items(), page.nextCursor());
    }

    private Reply spaces(Call call) {
        Integer limit = call.requestedLimit(Doc.Limit.SERVICE_DEFAULT);
        Community c = community();
        return Reply.ok(resumable(limit == null ? c.spaces(call.actor(), call.cursor())
                : c.spaces(call.actor(), call.cursor(), limit)));
    }

    private Reply topics(Call call) {
        Integer limit = call.requestedLimit(Doc.Limit.SERVICE_DEFAULT);
        Community c = community();
        String space = call.param("spaceId");
        return Reply.ok(resumable(limit == null ? c.topics(call.actor(), space, call.cursor())
                : c.topics(call.actor(), space, call.cursor(), limit)));
    }

    private Reply createTopic(Call call) {
        Views.NewTopic body = call.body(Views.NewTopic.class);
        Topic topic = community().createTopic(call.actor(), call.param("spaceId"), body.title(), body.markdown(),
                body.question());
        return Reply.created(topic, "/community/topics/" + topic.id());
    }

    private Reply topic(Call call) {
        return Reply.ok(community().topic(call.actor(), call.param("topicId")));
    }

    private Reply posts(Call call) {
        Integer limit = call.requestedLimit(Doc.Limit.SERVICE_DEFAULT);
        Community c = community();
        String topic = call.param("topicId");
        return Reply.ok(resumable(limit == null ? c.posts(call.actor(), topic, call.cursor())
                : c.posts(call.actor(), topic, call.cursor(), limit)));
    }

    private Reply reply(Call call) {
        Views.NewPost body = call.body(Views.NewPost.class);
        if (body.replyToNumber() < 0) {
            throw ValidationException.of("replyToNumber", "must be 0 (the thread) or a post's number");
        }
        Post post = community().reply(call.actor(), call.param("topicId"), body.markdown(), body.replyToNumber());
        return Reply.created(post, "/community/topics/" + post.topicId() + "/posts");
    }
}
