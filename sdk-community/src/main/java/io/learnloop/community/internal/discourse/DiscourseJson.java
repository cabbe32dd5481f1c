package io.learnloop.community.internal.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.community.Notification;
import io.learnloop.community.NotificationKind;
import io.learnloop.community.Post;
import io.learnloop.community.PostStatus;
import io.learnloop.community.Report;
import io.learnloop.community.ReportReason;
import io.learnloop.community.ReportStatus;
import io.learnloop.community.SearchHit;
import io.learnloop.community.Topic;
import io.learnloop.community.TopicStatus;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps Discourse's JSON shapes (as in its {@code openapi.yml} and request-spec schemas) onto the API's records.
 * Unknown fields are ignored; missing optional fields become null or zero.
 *
 * <p>Thread-safe: stateless.
 */
final class DiscourseJson {
    /** Notification types from Discourse's {@code Notification.types}. */
    static final int MENTIONED = 1;
    static final int REPLIED = 2;
    static final int PRIVATE_MESSAGE = 6;
    static final int CUSTOM = 14;
    static final int GROUP_MENTIONED = 15;
    /** The topic title prefix of the private message that carries a study-group invitation. */
    static final String INVITE_TITLE = "Study group invitation: ";

    private DiscourseJson() {
    }

    static String id(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Instant instant(JsonNode node, String field) {
        String text = id(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A post from {@code /posts/{id}.json}, {@code POST /posts.json}, a topic's post stream or a post action. */
    static Post post(JsonNode p, int likeTypeId, Function<String, UserId> users) {
        PostStatus status = p.hasNonNull("deleted_at") ? PostStatus.REMOVED
                : p.path("hidden").asBoolean(false) ? PostStatus.HIDDEN : PostStatus.VISIBLE;
        Map<String, Integer> reactions = new LinkedHashMap<>();
        for (JsonNode a : p.path("actions_summary")) {
            if (a.path("id").asInt() == likeTypeId && a.path("count").asInt() > 0) {
                reactions.put("like", a.path("count").asInt());
            }
        }
        for (JsonNode r : p.path("reactions")) {
            if (r.path("count").asInt() > 0) {
                reactions.merge(r.path("id").asText(), r.path("count").asInt(), Integer::sum);
            }
        }
        String text = p.hasNonNull("raw") ? p.get("raw").asText() : p.path("cooked").asText("");
        return new Post(id(p, "id"), id(p, "topic_id"), p.path("post_number").asInt(), users.apply(id(p, "username")),
                text, p.path("reply_to_post_number").asInt(0), status, reactions, instant(p, "created_at"));
    }

    /** A topic from {@code GET /t/{id}.json}. */
    static Topic topicView(JsonNode t, Function<String, UserId> users) {
        String author = id(t.path("details").path("created_by"), "username");
        String accepted = null;
        for (JsonNode p : t.path("post_stream").path("posts")) {
            if (author == null && p.path("post_number").asInt() == 1) {
                author = id(p, "username");
            }
            if (p.path("accepted_answer").asBoolean(false)) {
                accepted = id(p, "id");
            }
        }
        return new Topic(id(t, "id"), id(t, "category_id"), t.path("title").asText(), users.apply(author),
                isQuestion(t), accepted, Math.max(0, t.path("posts_count").asInt(1) - 1),
                t.path("closed").asBoolean(false) ? TopicStatus.CLOSED : TopicStatus.OPEN, instant(t, "created_at"));
    }

    /** A topic from a topic list, with the list's sideloaded users. */
    static Topic topicListItem(JsonNode t, Map<String, String> usernames, Function<String, UserId> users) {
        String author = null;
        JsonNode posters = t.path("posters");
        if (posters.size() > 0) {
            author = usernames.get(posters.get(0).path("user_id").asText());
        }
        if (author == null) {
            author = id(t, "last_poster_username");
        }
        return new Topic(id(t, "id"), id(t, "category_id"), t.path("title").asText(), users.apply(author),
                isQuestion(t), null, Math.max(0, t.path("posts_count").asInt(1) - 1),
                t.path("closed").asBoolean(false) ? TopicStatus.CLOSED : TopicStatus.OPEN, instant(t, "created_at"));
    }

    static Map<String, String> users(JsonNode root) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode u : root.path("users")) {
            out.put(u.path("id").asText(), u.path("username").asText());
        }
        return out;
    }

    private static boolean isQuestion(JsonNode t) {
        for (JsonNode tag : t.path("tags")) {
            String name = tag.isObject() ? tag.path("name").asText() : tag.asText();
            if ("question".equals(name)) {
                return true;
            }
        }
        return false;
    }

    static Notification notification(JsonNode n, Map<String, String> groupIdsByName) {
        int type = n.path("notification_type").asInt();
        JsonNode data = n.path("data");
        NotificationKind kind = NotificationKind.OTHER;
        String groupId = null;
        if (type == MENTIONED || type == GROUP_MENTIONED) {
            kind = NotificationKind.MENTION;
        } else if (type == REPLIED) {
            kind = NotificationKind.REPLY;
        } else if (type == CUSTOM && data.path("message").asText().startsWith("solved.")) {
            kind = NotificationKind.ACCEPTED_ANSWER;
        } else if (type == PRIVATE_MESSAGE && data.path("topic_title").asText().startsWith(INVITE_TITLE)) {
            kind = NotificationKind.GROUP_INVITE;
            groupId = groupIdsByName.get(data.path("topic_title").asText().substring(INVITE_TITLE.length()).trim());
        }
        String from = data.hasNonNull("display_username") ? data.get("display_username").asText()
                : id(data, "original_username");
        return new Notification(id(n, "id"), kind, id(n, "topic_id"), null, groupId, from,
                n.path("read").asBoolean(false), instant(n, "created_at"));
    }

    static Report reviewable(JsonNode r, Map<Integer, ReportReason> reasonsById) {
        ReportReason reason = ReportReason.OTHER;
        JsonNode scores = r.path("reviewable_scores");
        if (scores.size() > 0) {
            JsonNode type = scores.get(0).path("score_type");
            String key = type.path("type").asText("");
            reason = reasonByKey(key);
            if (reason == null) {
                reason = reasonsById.getOrDefault(type.path("id").asInt(scores.get(0).path("reviewable_score_type").asInt()),
                        ReportReason.OTHER);
            }
        }
        // ReviewableSerializer names the target after its type (post_id); older answers carry target_id.
        String postId = r.hasNonNull("post_id") ? id(r, "post_id") : id(r, "target_id");
        return new Report(id(r, "id"), postId, id(r, "topic_id"), null, reason, status(r.path("status")),
                instant(r, "created_at"));
    }

    private static ReportReason reasonByKey(String key) {
        for (ReportReason reason : ReportReason.values()) {
            if (reason.discourseKey().equals(key)) {
                return reason;
            }
        }
        return null;
    }

    static ReportStatus status(JsonNode status) {
        String s = status.asText("");
        return switch (s) {
            // Discourse's Reviewable.statuses: pending 0, approved 1, rejected 2, ignored 3, deleted 4.
            case "1", "approved", "4", "deleted" -> ReportStatus.ACTIONED;
            case "2", "rejected", "3", "ignored" -> ReportStatus.DISMISSED;
            default -> ReportStatus.PENDING;
        };
    }

    static SearchHit searchHit(JsonNode post, Map<String, String> titles) {
        String topicId = id(post, "topic_id");
        return new SearchHit(topicId, id(post, "id"), titles.getOrDefault(topicId, ""), post.path("blurb").asText(""));
    }
}
