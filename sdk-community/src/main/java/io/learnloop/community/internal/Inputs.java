package io.learnloop.community.internal;

import io.learnloop.community.Community;
import io.learnloop.community.ContentFilter;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Input checks both backends run before anything is stored or sent.
 *
 * <p>Thread-safe: stateless.
 */
public final class Inputs {
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9_.-]{1,60})");

    private Inputs() {
    }

    /**
     * Checks a new topic.
     *
     * @param actor    the author
     * @param spaceId  the space
     * @param title    the title
     * @param markdown the opening post
     * @param filter   the content filter
     */
    public static void topic(Actor actor, String spaceId, String title, String markdown, ContentFilter filter) {
        new Validator()
                .notNull("actor", actor)
                .notBlank("spaceId", spaceId, 128)
                .notBlank("title", title, Community.MAX_TITLE_LENGTH)
                .notBlank("markdown", markdown, Community.MAX_POST_LENGTH)
                .throwIfInvalid();
        filtered(actor, title + "\n" + markdown, filter);
    }

    /**
     * Checks the page size a listing was asked for.
     *
     * @param pageSize the most items on a page
     */
    public static void pageSize(int pageSize) {
        new Validator().check(pageSize >= 1 && pageSize <= Community.MAX_PAGE_SIZE, "pageSize",
                "must be 1 to " + Community.MAX_PAGE_SIZE + " (was " + pageSize + ")").throwIfInvalid();
    }

    /**
     * Checks a new reply.
     *
     * @param actor         the author
     * @param topicId       the topic
     * @param markdown      the reply
     * @param replyToNumber the replied-to number
     * @param filter        the content filter
     */
    public static void reply(Actor actor, String topicId, String markdown, int replyToNumber, ContentFilter filter) {
        new Validator()
                .notNull("actor", actor)
                .notBlank("topicId", topicId, 128)
                .notBlank("markdown", markdown, Community.MAX_POST_LENGTH)
                .check(replyToNumber >= 0, "replyToNumber", "must be 0 or a post number")
                .throwIfInvalid();
        filtered(actor, markdown, filter);
    }

    /**
     * Checks an id argument.
     *
     * @param field the argument's name
     * @param id    the id
     */
    public static void id(String field, String id) {
        new Validator().notBlank(field, id, 128).throwIfInvalid();
    }

    /**
     * Checks a search query.
     *
     * @param query the words
     */
    public static void query(String query) {
        new Validator().notBlank("query", query, 200).throwIfInvalid();
    }

    /**
     * Checks a reaction name.
     *
     * @param reaction the name
     */
    public static void reaction(String reaction) {
        new Validator().check(reaction != null && reaction.matches("[a-z0-9_+-]{1,50}"), "reaction",
                "must be 1 to 50 lower-case letters, digits, '_', '+' or '-' (for example 'like')").throwIfInvalid();
    }

    /**
     * The user names mentioned with {@code @name} in Markdown.
     *
     * @param markdown the text
     * @return the names, in order of first mention
     */
    public static Set<String> mentions(String markdown) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(markdown);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Renames every mention of one user in a text: {@code @from}, read as {@link #mentions} reads mentions, becomes
     * {@code @to}.
     *
     * @param markdown the text
     * @param from     the mentioned user's id
     * @param to       what replaces it
     * @return the text, the same instance when it mentions no {@code from}
     */
    public static String renameMentions(String markdown, String from, String to) {
        Matcher m = MENTION.matcher(markdown);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (m.group(1).equals(from)) {
                out = out == null ? new StringBuilder(markdown.length()) : out;
                out.append(markdown, copied, m.start(1)).append(to);
                copied = m.end(1);
            }
        }
        return out == null ? markdown : out.append(markdown, copied, markdown.length()).toString();
    }

    private static void filtered(Actor actor, String text, ContentFilter filter) {
        String refusal = filter.refusal(actor.id(), text);
        if (refusal != null) {
            throw ValidationException.of("markdown", "refused by the content filter: " + refusal);
        }
    }
}
