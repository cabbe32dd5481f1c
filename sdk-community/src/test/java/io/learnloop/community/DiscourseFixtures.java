package io.learnloop.community;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.learnloop.community.Json.arr;
import static io.learnloop.community.Json.obj;

/**
 * Discourse answers shaped like the schemas in discourse/discourse {@code spec/requests/api/schemas/json}
 * (post, topic view, topic list, group, category, group members, site) — trimmed to the fields that matter plus
 * enough neighbours to keep the shape honest.
 */
final class DiscourseFixtures {
    static final String CREATED = "2026-03-01T10:00:00.000Z";

    private DiscourseFixtures() {
    }

    static Map<String, Object> post(long id, long topicId, int number, String username, String raw, Integer replyTo,
                                    boolean hidden, List<Object> actions) {
        return obj("id", id, "name", null, "username", username,
                "avatar_template", "/letter_avatar_proxy/v4/letter/" + username.charAt(0) + "/bbce88/{size}.png",
                "created_at", CREATED, "raw", raw, "cooked", "<p>" + raw + "</p>", "post_number", number,
                "post_type", 1, "updated_at", CREATED, "reply_count", 0, "reply_to_post_number", replyTo,
                "quote_count", 0, "incoming_link_count", 0, "reads", 1, "readers_count", 0, "score", 0,
                "yours", false, "topic_id", topicId, "topic_slug", "how-do-generics-work-in-java",
                "display_username", null, "primary_group_name", null, "version", 1, "can_edit", true,
                "can_delete", false, "can_recover", false, "user_title", null, "bookmarked", false,
                "actions_summary", actions, "moderator", false, "admin", false, "staff", false, "user_id", 5,
                "hidden", hidden, "trust_level", 1, "deleted_at", null, "user_deleted", false, "edit_reason", null,
                "wiki", false, "reviewable_id", null, "reviewable_score_count", 0, "reviewable_score_pending_count", 0);
    }

    /** A post as it appears in a topic's post stream: cooked HTML, no raw. */
    static Map<String, Object> streamPost(long id, long topicId, int number, String username, String raw) {
        Map<String, Object> p = post(id, topicId, number, username, raw, number == 1 ? null : 1, false, arr());
        p.remove("raw");
        return p;
    }

    static Map<String, Object> topicView(long id, long categoryId, String title, String author, List<Object> posts,
                                         List<Object> stream) {
        return obj("post_stream", obj("posts", posts, "stream", stream), "timeline_lookup", arr(),
                "suggested_topics", arr(), "tags", arr("question"), "id", id, "title", title, "fancy_title", title,
                "posts_count", stream.size(), "created_at", CREATED, "views", 3, "reply_count", stream.size() - 1,
                "like_count", 0, "last_posted_at", CREATED, "visible", true, "closed", false, "archived", false,
                "has_summary", false, "archetype", "regular", "slug", "how-do-generics-work-in-java",
                "category_id", categoryId, "word_count", 42, "deleted_at", null, "user_id", 5,
                "details", obj("can_edit", false, "notification_level", 1,
                        "created_by", obj("id", 5, "username", author, "name", null, "avatar_template", "/a.png"),
                        "participants", arr()));
    }

    static Map<String, Object> topicList(int fromNumber, int toNumber, String moreUrl) {
        List<Object> topics = new ArrayList<>();
        for (int i = fromNumber; i <= toNumber; i++) {
            topics.add(obj("id", 2000 + i, "title", "Topic " + i, "fancy_title", "Topic " + i, "slug", "topic-" + i,
                    "posts_count", 1, "reply_count", 0, "highest_post_number", 1, "image_url", null,
                    "created_at", CREATED, "last_posted_at", CREATED, "bumped", true, "bumped_at", CREATED,
                    "archetype", "regular", "unseen", false, "pinned", false, "unpinned", null, "visible", true,
                    "closed", false, "archived", false, "bookmarked", null, "liked", null, "tags", arr(),
                    "views", 0, "like_count", 0, "has_summary", false, "last_poster_username", "ann",
                    "category_id", 7, "pinned_globally", false, "featured_link", null,
                    "posters", arr(obj("extras", "latest single", "description", "Original Poster, Most Recent Poster",
                            "user_id", 5, "primary_group_id", null))));
        }
        Map<String, Object> list = obj("can_create_topic", true, "per_page", 30, "top_tags", arr(), "topics", topics);
        if (moreUrl != null) {
            list.put("more_topics_url", moreUrl);
        }
        return obj("users", arr(obj("id", 5, "username", "ann", "name", "Ann", "avatar_template", "/a.png")),
                "primary_groups", arr(), "topic_list", list);
    }

    static Map<String, Object> basicGroup(long id, String name, String fullName) {
        return obj("basic_group", obj("id", id, "automatic", false, "name", name, "user_count", 0,
                "mentionable_level", 0, "messageable_level", 0, "visibility_level", 2, "primary_group", false,
                "title", null, "grant_trust_level", null, "incoming_email", null, "has_messages", false,
                "flair_url", null, "flair_bg_color", null, "flair_color", null, "bio_raw", null, "bio_cooked", null,
                "bio_excerpt", null, "public_admission", false, "public_exit", false,
                "allow_membership_requests", false, "full_name", fullName, "default_notification_level", 3,
                "membership_request_template", null, "members_visibility_level", 0, "can_see_members", true,
                "can_admin_group", true, "publish_read_state", false));
    }

    static Map<String, Object> category(long id, String name, String slug, String group) {
        return obj("category", obj("id", id, "name", name, "color", "0088CC", "text_color", "FFFFFF", "slug", slug,
                "topic_count", 0, "post_count", 0, "position", 5, "description", null,
                "description_text", null, "topic_url", "/t/about-the-" + slug + "-category/99",
                "read_restricted", true, "permission", 1, "notification_level", 1, "can_edit", true,
                "topic_template", null, "has_children", false, "sort_order", null, "sort_ascending", null,
                "show_subcategory_list", false, "num_featured_topics", 3, "default_view", null,
                "subcategory_list_style", "rows_with_featured_topics", "default_top_period", "all",
                "minimum_required_tags", 0, "navigate_to_first_post_after_read", false,
                "group_permissions", arr(obj("permission_type", 1, "group_name", group))));
    }

    static Map<String, Object> member(long id, String username) {
        return obj("id", id, "username", username, "name", null, "avatar_template", "/a.png", "title", null,
                "last_posted_at", CREATED, "last_seen_at", CREATED, "added_at", CREATED, "timezone", "UTC");
    }

    static Map<String, Object> site() {
        return obj("default_archetype", "regular", "notification_types", obj("mentioned", 1, "replied", 2, "custom", 14),
                "post_action_types", arr(
                        actionType(2, "like", false), actionType(3, "off_topic", true),
                        actionType(4, "inappropriate", true), actionType(6, "notify_user", true),
                        actionType(7, "notify_moderators", true), actionType(8, "spam", true),
                        actionType(10, "illegal", true)),
                "topic_flag_types", arr(actionType(4, "inappropriate", true), actionType(8, "spam", true)),
                "categories", arr(), "groups", arr());
    }

    private static Map<String, Object> actionType(int id, String key, boolean flag) {
        return obj("id", id, "name_key", key, "name", key, "description", key, "short_description", key,
                "is_flag", flag, "is_custom_flag", false, "require_message", false, "enabled", true,
                "applies_to", arr("Post"), "position", id, "auto_action_type", false);
    }

    static Map<String, Object> reviewable(long id, long postId, long topicId, Object status, int version) {
        return obj("id", id, "type", "ReviewableFlaggedPost", "type_source", "core", "topic_id", topicId,
                "topic_url", "/t/how-do-generics-work-in-java/" + topicId, "target_url", "/t/x/" + topicId + "/2",
                "target_id", postId, "target_type", "Post", "score", 6.0, "version", version, "status", status,
                "created_at", CREATED, "category_id", 7, "can_edit", true, "reviewable_scores", arr(
                        obj("id", 1, "score", 6.0, "agree_stats", obj(), "status", 0, "reason", null,
                                "created_at", CREATED, "reviewed_at", null, "user_id", 5,
                                "score_type", obj("id", 4, "title", "Inappropriate", "reviewable_priority", 0,
                                        "type", "inappropriate"))));
    }
}
