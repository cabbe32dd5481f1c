package io.learnloop.community.internal.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnloop.community.Community;
import io.learnloop.community.CommunityOptions;
import io.learnloop.community.CommunityRemoteException;
import io.learnloop.community.CommunityUser;
import io.learnloop.community.DiscourseConfig;
import io.learnloop.community.GroupGoal;
import io.learnloop.community.GroupMember;
import io.learnloop.community.GroupProgress;
import io.learnloop.community.GroupRole;
import io.learnloop.community.ModerationAction;
import io.learnloop.community.NewSpace;
import io.learnloop.community.NewStudyGroup;
import io.learnloop.community.Notification;
import io.learnloop.community.Page;
import io.learnloop.community.Post;
import io.learnloop.community.PostStatus;
import io.learnloop.community.RemoteNotFoundException;
import io.learnloop.community.RemoteValidationException;
import io.learnloop.community.Report;
import io.learnloop.community.ReportReason;
import io.learnloop.community.ReportStatus;
import io.learnloop.community.SearchHit;
import io.learnloop.community.Space;
import io.learnloop.community.SpaceKind;
import io.learnloop.community.StudyGroup;
import io.learnloop.community.Topic;
import io.learnloop.community.TopicStatus;
import io.learnloop.community.internal.GroupProgressCalculator;
import io.learnloop.community.internal.Inputs;
import io.learnloop.community.internal.ListPage;
import io.learnloop.community.internal.SpaceCourses;
import io.learnloop.community.internal.discourse.Links.GroupLink;
import io.learnloop.community.internal.discourse.Links.InviteLink;
import io.learnloop.community.internal.discourse.Links.SpaceLink;
import io.learnloop.community.internal.discourse.Links.SuspensionLink;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The community API over a Discourse site: spaces are categories, study groups are groups with a private category,
 * accepted answers use {@code discourse-solved}, reactions are likes (or {@code discourse-reactions}), reports are
 * flags, and course access follows the course groups that {@link #syncMember} keeps in step with the host's
 * entitlements. Calls act as the acting user through {@code Api-Username} (the username {@link Usernames} derives
 * from the host user id), so Discourse applies its own permissions too. The core store keeps which categories are course or group spaces, group goals, invitations and
 * suspensions issued here.
 *
 * <p>Thread-safe: immutable apart from the once-loaded flag ids.
 */
public final class DiscourseCommunity implements Community {
    private static final Logger LOG = LoggerFactory.getLogger(DiscourseCommunity.class);
    private static final int MEMBERS_PAGE = 50;
    private static final int POSTS_CHUNK = 20;

    private final ServiceContext ctx;
    private final CommunityOptions options;
    private final DiscourseConfig config;
    private final DiscourseHttp http;
    private final SiteActionTypes actionTypes;
    private final DiscourseUsers users;

    /**
     * Creates the backend.
     *
     * @param ctx     the core service context (store for links, clock, ids)
     * @param options the shared options
     * @param config  the site configuration
     */
    public DiscourseCommunity(ServiceContext ctx, CommunityOptions options, DiscourseConfig config) {
        this.ctx = ctx;
        this.options = options;
        this.config = config;
        this.http = new DiscourseHttp(config, ctx.clock());
        this.actionTypes = new SiteActionTypes(http, config.apiUsername());
        this.users = new DiscourseUsers(ctx);
    }

    // ---- spaces -------------------------------------------------------------------------------------------------

    @Override
    public Space createSpace(Actor actor, NewSpace space) {
        actor.require(Role.MODERATOR, "create a space");
        space.validate();
        SpaceCourses.require(options.catalog(), space);
        String groupName = null;
        if (space.courseId() != null) {
            groupName = courseGroupName(space.courseId());
            ensureGroup(groupName, space.name(), false);
        }
        JsonNode category = createCategory(space.name(), space.description(), groupName);
        SpaceLink link = new SpaceLink(DiscourseJson.id(category, "id"), space.name(), category.path("slug").asText(),
                space.courseId() == null ? SpaceKind.GENERAL : SpaceKind.COURSE, space.courseId(), null, groupName,
                ctx.now());
        ctx.transact(uow -> uow.insert(Links.SPACE, link));
        return toSpace(link, space.description());
    }

    @Override
    public Space space(Actor actor, String spaceId) {
        Inputs.id("spaceId", spaceId);
        Optional<SpaceLink> link = link(spaceId);
        requireRead(actor, link.orElse(null));
        JsonNode c = http.get("/c/" + enc(spaceId) + "/show.json", user(actor)).path("category");
        return link.map(l -> toSpace(l, c.path("description").asText("")))
                .orElseGet(() -> generalSpace(c));
    }

    @Override
    public Page<Space> spaces(Actor actor, String cursor) {
        return spaces(actor, cursor, options.pageSize());
    }

    /**
     * Discourse lists every category in one answer ({@code /categories.json} has no pages), so the cursor is the
     * position in the readable part of that list where the next page starts.
     */
    @Override
    public Page<Space> spaces(Actor actor, String cursor, int pageSize) {
        Inputs.pageSize(pageSize);
        int from = cursorNumber(cursor);
        JsonNode list = http.get("/categories.json", user(actor));
        List<Space> out = new ArrayList<>();
        for (JsonNode c : list.path("category_list").path("categories")) {
            Optional<SpaceLink> link = link(c.path("id").asText());
            if (link.isEmpty()) {
                out.add(generalSpace(c));
            } else if (canRead(actor, link.get())) {
                out.add(toSpace(link.get(), c.path("description").asText("")));
            }
        }
        int to = Math.min(out.size(), from + pageSize);
        List<Space> items = from >= out.size() ? List.of() : out.subList(from, to);
        String next = to < out.size() ? Integer.toString(to) : null;
        return ListPage.resumable(items, next, () -> Optional.of(spaces(actor, next, pageSize)));
    }

    // ---- topics and posts ---------------------------------------------------------------------------------------

    @Override
    public Topic createTopic(Actor actor, String spaceId, String title, String markdown, boolean question) {
        Inputs.topic(actor, spaceId, title, markdown, options.contentFilter());
        requireNotSuspended(actor);
        Optional<SpaceLink> link = link(spaceId);
        requireRead(actor, link.orElse(null));
        String externalId = "ll-" + ctx.newId();
        ObjectNode body = http.json().objectNode()
                .put("title", title.strip())
                .put("raw", markdown)
                .put("category", Long.parseLong(numeric("spaceId", spaceId)))
                .put("external_id", externalId);
        if (question) {
            body.putArray("tags").add("question");
        }
        try {
            JsonNode post = http.post("/posts.json", body, user(actor));
            return new Topic(DiscourseJson.id(post, "topic_id"), spaceId, title.strip(), actor.id(), question, null, 0,
                    TopicStatus.OPEN, DiscourseJson.instant(post, "created_at"));
        } catch (CommunityRemoteException e) {
            if (!e.outcomeUnknown()) {
                throw e;
            }
            // The create may have happened: the external id tells us without creating a second topic.
            try {
                return DiscourseJson.topicView(http.get("/t/external_id/" + enc(externalId) + ".json", user(actor)),
                        users::hostId);
            } catch (RemoteNotFoundException notCreated) {
                throw e;
            }
        }
    }

    @Override
    public Topic topic(Actor actor, String topicId) {
        Inputs.id("topicId", topicId);
        JsonNode view = topicView(actor, topicId);
        return DiscourseJson.topicView(view, users::hostId);
    }

    @Override
    public Page<Topic> topics(Actor actor, String spaceId, String cursor) {
        return topicList(actor, spaceId, cursor, "");
    }

    /** Asks Discourse for pages of the size ({@code per_page}); a site may cap it at its own topic page size. */
    @Override
    public Page<Topic> topics(Actor actor, String spaceId, String cursor, int pageSize) {
        Inputs.pageSize(pageSize);
        return topicList(actor, spaceId, cursor, "&per_page=" + pageSize);
    }

    private Page<Topic> topicList(Actor actor, String spaceId, String cursor, String perPage) {
        Inputs.id("spaceId", spaceId);
        int page = cursorNumber(cursor);
        Optional<SpaceLink> link = link(spaceId);
        requireRead(actor, link.orElse(null));
        String slug = link.map(SpaceLink::slug).orElse("c");
        return topicPage("/c/" + enc(slug) + "/" + enc(spaceId) + ".json?order=created&ascending=true" + perPage
                + "&page=" + page, page, user(actor));
    }

    /**
     * Reads one page of Discourse's topic list. The cursor is the next page's number, which resumes the listing on
     * the same list URL; {@link Page#nextPage()} follows Discourse's own {@code more_topics_url}.
     */
    private Page<Topic> topicPage(String path, int page, String username) {
        JsonNode root = http.get(path, username);
        Map<String, String> sideloaded = DiscourseJson.users(root);
        List<Topic> items = new ArrayList<>();
        for (JsonNode t : root.path("topic_list").path("topics")) {
            items.add(DiscourseJson.topicListItem(t, sideloaded, users::hostId));
        }
        String more = DiscourseJson.id(root.path("topic_list"), "more_topics_url");
        return ListPage.resumable(items, more == null ? null : Integer.toString(page + 1),
                () -> Optional.of(topicPage(more, page + 1, username)));
    }

    /** A cursor of this backend: a page number or a position in a topic's post stream, 0 without a cursor. */
    private static int cursorNumber(String cursor) {
        if (cursor == null) {
            return 0;
        }
        if (cursor.length() <= 9 && cursor.chars().allMatch(c -> c >= '0' && c <= '9') && !cursor.isEmpty()) {
            return Integer.parseInt(cursor);
        }
        throw io.learnloop.core.error.ValidationException.of("cursor",
                "is not a cursor this listing returned; start again without one");
    }

    @Override
    public Post reply(Actor actor, String topicId, String markdown, int replyToNumber) {
        Inputs.reply(actor, topicId, markdown, replyToNumber, options.contentFilter());
        numeric("topicId", topicId);
        requireNotSuspended(actor);
        topicView(actor, topicId);
        ObjectNode body = http.json().objectNode()
                .put("topic_id", Long.parseLong(topicId))
                .put("raw", markdown);
        if (replyToNumber > 0) {
            body.put("reply_to_post_number", replyToNumber);
        }
        try {
            return DiscourseJson.post(http.post("/posts.json", body, user(actor)), likeId(), users::hostId);
        } catch (CommunityRemoteException e) {
            if (!e.outcomeUnknown()) {
                throw e;
            }
            return findOwnRecentPost(actor, topicId, markdown).orElseThrow(() -> e);
        }
    }

    /** After an ambiguous reply: look at the topic's last posts for this user's text before anything is repeated. */
    private Optional<Post> findOwnRecentPost(Actor actor, String topicId, String markdown) {
        JsonNode view = http.get("/t/" + topicId + ".json", user(actor));
        JsonNode stream = view.path("post_stream").path("stream");
        for (int i = stream.size() - 1; i >= Math.max(0, stream.size() - 5); i--) {
            JsonNode post = http.get("/posts/" + stream.get(i).asText() + ".json", user(actor));
            if (user(actor).equals(post.path("username").asText()) && markdown.strip().equals(post.path("raw").asText().strip())) {
                return Optional.of(DiscourseJson.post(post, likeId(), users::hostId));
            }
        }
        return Optional.empty();
    }

    @Override
    public Page<Post> posts(Actor actor, String topicId, String cursor) {
        return posts(actor, topicId, cursor, POSTS_CHUNK);
    }

    @Override
    public Page<Post> posts(Actor actor, String topicId, String cursor, int pageSize) {
        Inputs.id("topicId", topicId);
        Inputs.pageSize(pageSize);
        int chunk = Math.min(pageSize, POSTS_CHUNK);
        int from = cursorNumber(cursor);
        JsonNode view = topicView(actor, topicId);
        // A cursor is a position in the topic's post stream, which the topic view lists in full.
        List<String> stream = new ArrayList<>();
        view.path("post_stream").path("stream").forEach(id -> stream.add(id.asText()));
        if (cursor != null) {
            if (from >= stream.size()) {
                return ListPage.resumable(List.of(), null, Optional::empty);
            }
            return postChunk(actor, topicId, stream, from, 0, chunk);
        }
        List<Post> first = new ArrayList<>();
        for (JsonNode p : view.path("post_stream").path("posts")) {
            if (first.size() == chunk) {
                break;
            }
            first.add(DiscourseJson.post(p, likeId(), users::hostId));
        }
        // The topic view loads the start of the stream, so the stream position after it is the number kept.
        int next = first.size();
        return ListPage.resumable(first, next < stream.size() ? Integer.toString(next) : null,
                () -> Optional.of(postChunk(actor, topicId, stream, next, 0, chunk)));
    }

    /**
     * Reads the posts of {@code ids} from {@code from} on; {@code skipped} is how many posts of the stream come
     * before {@code ids}, so the cursor is a position in the whole stream.
     */
    private Page<Post> postChunk(Actor actor, String topicId, List<String> ids, int from, int skipped, int chunk) {
        int to = Math.min(ids.size(), from + chunk);
        StringBuilder q = new StringBuilder("/t/" + topicId + "/posts.json?");
        for (int i = from; i < to; i++) {
            q.append(i == from ? "" : "&").append("post_ids%5B%5D=").append(ids.get(i));
        }
        List<Post> items = new ArrayList<>();
        for (JsonNode p : http.get(q.toString(), user(actor)).path("post_stream").path("posts")) {
            items.add(DiscourseJson.post(p, likeId(), users::hostId));
        }
        return ListPage.resumable(items, to < ids.size() ? Integer.toString(skipped + to) : null,
                () -> Optional.of(postChunk(actor, topicId, ids, to, skipped, chunk)));
    }

    @Override
    public Page<Post> latestPosts(Actor actor) {
        return latestFrom(actor, "/posts.json");
    }

    private Page<Post> latestFrom(Actor actor, String path) {
        List<Post> items = new ArrayList<>();
        long lowest = Long.MAX_VALUE;
        for (JsonNode p : http.get(path, user(actor)).path("latest_posts")) {
            items.add(DiscourseJson.post(p, likeId(), users::hostId));
            lowest = Math.min(lowest, p.path("id").asLong());
        }
        long before = lowest;
        boolean more = !items.isEmpty() && before > 1;
        return new ListPage<>(items, more, () -> {
            Page<Post> next = latestFrom(actor, "/posts.json?before=" + before);
            return next.items().isEmpty() ? Optional.empty() : Optional.of(next);
        });
    }

    @Override
    public Post post(Actor actor, String postId) {
        Inputs.id("postId", postId);
        JsonNode post = http.get("/posts/" + numeric("postId", postId) + ".json", user(actor));
        return DiscourseJson.post(post, likeId(), users::hostId);
    }

    @Override
    public Topic acceptAnswer(Actor actor, String postId) {
        Inputs.id("postId", postId);
        requireNotSuspended(actor);
        Post answer = post(actor, postId);
        http.post("/solution/accept", http.json().objectNode().put("id", Long.parseLong(postId)), user(actor));
        Topic topic = topic(actor, answer.topicId());
        return new Topic(topic.id(), topic.spaceId(), topic.title(), topic.author(), topic.question(), postId,
                topic.replyCount(), topic.status(), topic.createdAt());
    }

    @Override
    public Post react(Actor actor, String postId, String reaction) {
        Inputs.id("postId", postId);
        Inputs.reaction(reaction);
        numeric("postId", postId);
        requireNotSuspended(actor);
        if ("like".equals(reaction)) {
            ObjectNode body = http.json().objectNode().put("id", Long.parseLong(postId)).put("post_action_type_id", likeId());
            return DiscourseJson.post(http.post("/post_actions.json", body, user(actor)), likeId(), users::hostId);
        }
        if (!config.reactionsPlugin()) {
            throw io.learnloop.core.error.ValidationException.of("reaction", "only 'like' is available: the "
                    + "discourse-reactions plugin is not declared installed (DiscourseConfig.reactionsPlugin)");
        }
        JsonNode post = http.put("/discourse-reactions/posts/" + postId + "/custom-reactions/" + enc(reaction)
                + "/toggle.json", null, user(actor));
        return DiscourseJson.post(post, likeId(), users::hostId);
    }

    // ---- study groups -------------------------------------------------------------------------------------------

    @Override
    public StudyGroup createGroup(Actor actor, NewStudyGroup group) {
        group.validate();
        requireNotSuspended(actor);
        GroupGoal goal = group.goal();
        if (goal != null) {
            requireEntitled(actor, goal.courseId());
        }
        ObjectNode g = http.json().objectNode();
        g.putObject("group")
                .put("name", group.name())
                .put("full_name", group.name())
                .put("public_admission", false)
                .put("public_exit", true)
                .put("visibility_level", group.inviteOnly() ? 2 : 0)
                .put("owner_usernames", user(actor));
        String groupId = DiscourseJson.id(http.post("/admin/groups.json", g, config.apiUsername()).path("basic_group"), "id");
        JsonNode category = createCategory(group.name(), "Study group " + group.name(), group.name());
        String categoryId = DiscourseJson.id(category, "id");
        GroupLink link = new GroupLink(groupId, group.name(), categoryId, group.inviteOnly(),
                goal == null ? null : goal.courseId(), goal == null ? 0 : goal.targetPercent(),
                goal == null ? null : goal.due(), ctx.now());
        SpaceLink space = new SpaceLink(categoryId, group.name(), category.path("slug").asText(), SpaceKind.GROUP, null,
                groupId, group.name(), ctx.now());
        ctx.transact(uow -> {
            uow.insert(Links.GROUP, link);
            uow.insert(Links.SPACE, space);
            return null;
        });
        return toGroup(link);
    }

    @Override
    public StudyGroup group(Actor actor, String groupId) {
        Inputs.id("groupId", groupId);
        return toGroup(groupLink(groupId));
    }

    @Override
    public Page<StudyGroup> groups(Actor actor) {
        return groupPage("/groups.json", user(actor), 0);
    }

    private Page<StudyGroup> groupPage(String path, String username, int seenBefore) {
        JsonNode root = http.get(path, username);
        List<StudyGroup> items = new ArrayList<>();
        for (JsonNode g : root.path("groups")) {
            if (g.path("automatic").asBoolean(false) || g.path("name").asText().startsWith("crs-")) {
                continue;
            }
            String id = g.path("id").asText();
            items.add(ctx.read(uow -> uow.find(Links.GROUP, id)).map(v -> toGroup(v.value()))
                    .orElseGet(() -> new StudyGroup(id, g.path("name").asText(), null,
                            !g.path("public_admission").asBoolean(false), null)));
        }
        String more = DiscourseJson.id(root, "load_more_groups");
        int seen = seenBefore + root.path("groups").size();
        boolean hasMore = more != null && root.path("groups").size() > 0 && seen < root.path("total_rows_groups").asInt(0);
        return new ListPage<>(items, hasMore, () -> Optional.of(groupPage(more, username, seen)));
    }

    @Override
    public GroupMember join(Actor actor, String groupId) {
        Inputs.id("groupId", groupId);
        requireNotSuspended(actor);
        GroupLink group = groupLink(groupId);
        if (group.goalCourseId() != null) {
            requireEntitled(actor, group.goalCourseId());
        }
        String inviteId = groupId + "|" + actor.id().value();
        Optional<Versioned<InviteLink>> invite = ctx.read(uow -> uow.find(Links.INVITE, inviteId));
        if (group.inviteOnly() && invite.isEmpty() && !actor.has(Role.MODERATOR)) {
            throw new ForbiddenException("Study group '" + group.name() + "' is invite-only; ask an owner for an invitation.");
        }
        http.put("/groups/" + groupId + "/members.json", http.json().objectNode().put("usernames", user(actor)),
                config.apiUsername());
        invite.ifPresent(i -> ctx.transact(uow -> {
            uow.delete(Links.INVITE, inviteId, i.version());
            return null;
        }));
        return new GroupMember(groupId, actor.id(), GroupRole.MEMBER);
    }

    @Override
    public void leave(Actor actor, String groupId) {
        Inputs.id("groupId", groupId);
        groupLink(groupId);
        http.delete("/groups/" + groupId + "/members.json", http.json().objectNode().put("usernames", user(actor)),
                config.apiUsername());
    }

    @Override
    public void invite(Actor actor, String groupId, UserId invitee) {
        Inputs.id("groupId", groupId);
        new Validator().notNull("invitee", invitee).throwIfInvalid();
        requireNotSuspended(actor);
        GroupLink group = groupLink(groupId);
        requireOwner(actor, group);
        String id = groupId + "|" + invitee.value();
        boolean fresh = ctx.transact(uow -> {
            if (uow.find(Links.INVITE, id).isPresent()) {
                return false;
            }
            uow.insert(Links.INVITE, new InviteLink(id, groupId, invitee.value(), actor.id().value(), ctx.now()));
            return true;
        });
        if (fresh) {
            ObjectNode pm = http.json().objectNode()
                    .put("title", DiscourseJson.INVITE_TITLE + group.name())
                    .put("raw", "@" + user(actor) + " invites you to the study group **" + group.name()
                            + "**. Join it from the group's page.")
                    .put("archetype", "private_message")
                    .put("target_recipients", users.username(invitee));
            http.post("/posts.json", pm, user(actor));
        }
    }

    @Override
    public GroupMember setRole(Actor actor, String groupId, UserId member, GroupRole role) {
        Inputs.id("groupId", groupId);
        new Validator().notNull("member", member).notNull("role", role).throwIfInvalid();
        GroupLink group = groupLink(groupId);
        requireOwner(actor, group);
        if (role == GroupRole.OWNER) {
            ObjectNode body = http.json().objectNode();
            body.putObject("group").put("usernames", users.username(member));
            http.put("/admin/groups/" + groupId + "/owners.json", body, config.apiUsername());
        } else {
            String userId = http.get("/u/" + enc(users.username(member)) + ".json", config.apiUsername())
                    .path("user").path("id").asText();
            http.delete("/admin/groups/" + groupId + "/owners.json",
                    http.json().objectNode().put("user_id", Long.parseLong(userId)), config.apiUsername());
        }
        return new GroupMember(groupId, member, role);
    }

    @Override
    public Page<GroupMember> members(Actor actor, String groupId) {
        Inputs.id("groupId", groupId);
        GroupLink group = groupLink(groupId);
        return memberPage(group, 0, user(actor));
    }

    private Page<GroupMember> memberPage(GroupLink group, int offset, String username) {
        JsonNode root = http.get("/groups/" + enc(group.name()) + "/members.json?limit=" + MEMBERS_PAGE + "&offset="
                + offset, username);
        Set<String> owners = new HashSet<>();
        root.path("owners").forEach(o -> owners.add(o.path("username").asText()));
        Map<String, GroupMember> items = new LinkedHashMap<>();
        for (JsonNode m : root.path("members")) {
            String name = m.path("username").asText();
            items.put(name, new GroupMember(group.id(), users.hostId(name),
                    owners.contains(name) ? GroupRole.OWNER : GroupRole.MEMBER));
        }
        if (offset == 0) {
            for (String o : owners) {
                items.putIfAbsent(o, new GroupMember(group.id(), users.hostId(o), GroupRole.OWNER));
            }
        }
        int total = root.path("meta").path("total").asInt(0);
        int limit = root.path("meta").path("limit").asInt(MEMBERS_PAGE);
        int next = root.path("meta").path("offset").asInt(offset) + limit;
        return new ListPage<>(new ArrayList<>(items.values()), next < total,
                () -> Optional.of(memberPage(group, next, username)));
    }

    @Override
    public GroupProgress progress(Actor actor, String groupId) {
        StudyGroup group = group(actor, groupId);
        List<UserId> users = members(actor, groupId).streamAll().map(GroupMember::user).distinct().toList();
        return GroupProgressCalculator.compute(group, users, options.progress());
    }

    // ---- reports and moderation ---------------------------------------------------------------------------------

    @Override
    public Report report(Actor actor, String postId, ReportReason reason, String note) {
        Inputs.id("postId", postId);
        new Validator().notNull("reason", reason).maxLength("note", note, 1000).throwIfInvalid();
        numeric("postId", postId);
        requireNotSuspended(actor);
        ObjectNode body = http.json().objectNode()
                .put("id", Long.parseLong(postId))
                .put("post_action_type_id", actionTypes.flag(reason))
                .put("flag_topic", false);
        if (note != null && !note.isBlank()) {
            body.put("message", note);
        }
        JsonNode post = http.post("/post_actions.json", body, user(actor));
        String topicId = DiscourseJson.id(post, "topic_id");
        JsonNode queue = http.get("/review.json?type=ReviewableFlaggedPost&status=pending&topic_id=" + topicId,
                config.apiUsername());
        for (JsonNode r : queue.path("reviewables")) {
            Report found = DiscourseJson.reviewable(r, actionTypes.reasonsById());
            if (postId.equals(found.postId())) {
                return new Report(found.id(), postId, topicId, actor.id(), reason, found.status(), found.createdAt());
            }
        }
        return new Report(null, postId, topicId, actor.id(), reason, ReportStatus.PENDING, ctx.now());
    }

    @Override
    public Page<Report> moderationQueue(Actor actor) {
        actor.require(Role.MODERATOR, "read the moderation queue");
        return reviewPage("/review.json?status=pending", user(actor));
    }

    private Page<Report> reviewPage(String path, String username) {
        JsonNode root = http.get(path, username);
        Map<Integer, ReportReason> reasons = actionTypes.reasonsById();
        List<Report> items = new ArrayList<>();
        for (JsonNode r : root.path("reviewables")) {
            items.add(DiscourseJson.reviewable(r, reasons));
        }
        JsonNode meta = root.path("meta");
        String more = DiscourseJson.id(meta, "load_more_reviewables");
        int total = meta.path("total_rows_reviewables").asInt(0);
        int offset = offsetOf(path);
        boolean hasMore = more != null && !items.isEmpty() && offset + items.size() < total;
        return new ListPage<>(items, hasMore, () -> Optional.of(reviewPage(more, username)));
    }

    private static int offsetOf(String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]offset=(\\d+)").matcher(url);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Override
    public Report moderate(Actor actor, String reportId, ModerationAction action) {
        actor.require(Role.MODERATOR, "moderate a report");
        Inputs.id("reportId", reportId);
        new Validator().notNull("action", action).throwIfInvalid();
        numeric("reportId", reportId);
        JsonNode reviewable = http.get("/review/" + reportId + ".json", user(actor)).path("reviewable");
        Report before = DiscourseJson.reviewable(reviewable, actionTypes.reasonsById());
        if (before.status() != ReportStatus.PENDING) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Report '" + reportId + "' is already " + before.status() + ".");
        }
        // The actions offered depend on whether the post is hidden already, so read its state first.
        boolean hidden = before.postId() != null && http.get("/posts/" + numeric("postId", before.postId()) + ".json",
                user(actor)).path("hidden").asBoolean(false);
        String performed = ReviewActions.perform(action, hidden);
        http.put("/review/" + reportId + "/perform/" + performed + "?version="
                + reviewable.path("version").asInt(0), null, user(actor));
        return new Report(before.id(), before.postId(), before.topicId(), before.reporter(), before.reason(),
                action == ModerationAction.DISMISS ? ReportStatus.DISMISSED : ReportStatus.ACTIONED, before.createdAt());
    }

    @Override
    public Post restore(Actor actor, String postId) {
        actor.require(Role.MODERATOR, "restore a post");
        Inputs.id("postId", postId);
        Post post = post(actor, postId);
        if (post.status() == PostStatus.REMOVED) {
            http.put("/posts/" + postId + "/recover.json", null, user(actor));
        } else if (post.status() == PostStatus.HIDDEN) {
            http.put("/posts/" + postId + "/unhide.json", null, user(actor));
        }
        return new Post(post.id(), post.topicId(), post.number(), post.author(), post.markdown(), post.replyToNumber(),
                PostStatus.VISIBLE, post.reactions(), post.createdAt());
    }

    @Override
    public void suspend(Actor actor, UserId user, Instant until, String reason) {
        actor.require(Role.MODERATOR, "suspend a user");
        new Validator().notNull("user", user).notNull("until", until)
                .check(until == null || until.isAfter(ctx.now()), "until", "must be in the future")
                .notBlank("reason", reason, 300).throwIfInvalid();
        String discourseId = http.get("/u/by-external/" + enc(user.value()) + ".json", config.apiUsername())
                .path("user").path("id").asText();
        http.put("/admin/users/" + discourseId + "/suspend.json", http.json().objectNode()
                .put("suspend_until", until.toString()).put("reason", reason), user(actor));
        SuspensionLink link = new SuspensionLink(user.value(), until, reason);
        ctx.transact(uow -> {
            Optional<Versioned<SuspensionLink>> old = uow.find(Links.SUSPENSION, user.value());
            if (old.isPresent()) {
                uow.update(Links.SUSPENSION, link, old.get().version());
            } else {
                uow.insert(Links.SUSPENSION, link);
            }
            return null;
        });
    }

    // ---- notifications and search -------------------------------------------------------------------------------

    @Override
    public Page<Notification> notifications(Actor actor) {
        Map<String, String> groupIds = new HashMap<>();
        ctx.read(uow -> uow.list(Links.GROUP, 0, 10_000)).forEach(v -> groupIds.put(v.value().name(), v.value().id()));
        return notificationPage("/notifications.json", user(actor), groupIds, 0);
    }

    private Page<Notification> notificationPage(String path, String username, Map<String, String> groupIds, int seen) {
        JsonNode root = http.get(path, username);
        List<Notification> items = new ArrayList<>();
        for (JsonNode n : root.path("notifications")) {
            items.add(DiscourseJson.notification(n, groupIds));
        }
        int total = root.path("total_rows_notifications").asInt(0);
        int seenNow = seen + items.size();
        String more = DiscourseJson.id(root, "load_more_notifications");
        boolean hasMore = more != null && !items.isEmpty() && seenNow < total;
        return new ListPage<>(items, hasMore, () -> Optional.of(notificationPage(more, username, groupIds, seenNow)));
    }

    @Override
    public void markRead(Actor actor, List<String> ids) {
        new Validator().notEmpty("ids", ids).throwIfInvalid();
        for (String id : ids) {
            http.put("/notifications/mark-read.json", http.json().objectNode().put("id", Long.parseLong(numeric("ids", id))),
                    user(actor));
        }
    }

    @Override
    public Page<SearchHit> search(Actor actor, String query) {
        Inputs.query(query);
        return searchPage(actor, query, 1);
    }

    private Page<SearchHit> searchPage(Actor actor, String query, int page) {
        JsonNode root = http.get("/search.json?q=" + enc(query) + "&page=" + page, user(actor));
        Map<String, String> titles = new HashMap<>();
        root.path("topics").forEach(t -> titles.put(t.path("id").asText(), t.path("title").asText()));
        List<SearchHit> items = new ArrayList<>();
        for (JsonNode p : root.path("posts")) {
            items.add(DiscourseJson.searchHit(p, titles));
        }
        boolean more = root.path("grouped_search_result").path("more_full_page_results").asBoolean(false);
        return new ListPage<>(items, more, () -> Optional.of(searchPage(actor, query, page + 1)));
    }

    // ---- user sync ----------------------------------------------------------------------------------------------

    @Override
    public void syncMember(CommunityUser member) {
        member.validate();
        if (config.connectSecret() == null) {
            throw new LearnloopException(ErrorCode.CONFIGURATION, "Set DiscourseConfig.connectSecret (the site's "
                    + "discourse_connect_secret) to sync users.");
        }
        List<String> add = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (Versioned<SpaceLink> v : ctx.read(uow -> uow.findBy(Links.SPACE, "kind", SpaceKind.COURSE.name()))) {
            SpaceLink s = v.value();
            (options.courseAccess().entitled(member.id(), s.courseId()) ? add : remove).add(s.groupName());
        }
        String username = users.username(member.id());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("external_id", member.id().value());
        params.put("email", member.email());
        params.put("username", username);
        if (member.name() != null) {
            params.put("name", member.name());
        }
        // Always both flags: Discourse leaves an absent flag unchanged, so a demoted user would keep the right.
        params.put("admin", Boolean.toString(member.roles().contains(Role.ADMIN)));
        params.put("moderator", Boolean.toString(member.roles().contains(Role.MODERATOR)));
        if (!add.isEmpty()) {
            params.put("add_groups", String.join(",", add.stream().distinct().toList()));
        }
        if (!remove.isEmpty()) {
            params.put("remove_groups", String.join(",", remove.stream().distinct().toList()));
        }
        users.remember(member.id());
        String sso = DiscourseConnect.payload(params);
        String sig = DiscourseConnect.hmacHex(config.connectSecret(), sso.getBytes(StandardCharsets.UTF_8));
        JsonNode account = http.post("/admin/users/sync_sso", http.json().objectNode().put("sso", sso).put("sig", sig),
                config.apiUsername());
        String actual = DiscourseJson.id(account, "username");
        if (actual != null && !actual.equalsIgnoreCase(username)) {
            // Discourse picks another name when ours is taken or reserved, and keeps an existing account's name
            // unless auth_overrides_username is on; calls acting as this user would then be refused.
            LOG.warn("Discourse account of host user '{}' is named '{}', not '{}'; rename it in Discourse or turn on "
                    + "auth_overrides_username so calls can act as this user.", member.id(), actual, username);
        }
    }

    @Override
    public String toString() {
        return "DiscourseCommunity[" + config.baseUrl() + "]";
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * The name of the Discourse group that holds a course's entitled learners: {@code crs-} and 16 hex digits of
     * the course id's SHA-256, which always fits Discourse's 20-character name limit.
     *
     * @param courseId the course
     * @return the group name
     */
    public static String courseGroupName(String courseId) {
        return "crs-" + HexFormat.of().formatHex(Sha256.digest(courseId), 0, 8);
    }

    private void ensureGroup(String name, String fullName, boolean visible) {
        ObjectNode g = http.json().objectNode();
        g.putObject("group").put("name", name).put("full_name", fullName)
                .put("visibility_level", visible ? 0 : 2).put("public_admission", false).put("public_exit", false);
        try {
            http.post("/admin/groups.json", g, config.apiUsername());
        } catch (CommunityRemoteException e) {
            if (!(e instanceof RemoteValidationException) && !e.outcomeUnknown()) {
                throw e;
            }
            // A taken name (the course group exists already) or an ambiguous create: usable if it exists now.
            http.get("/groups/" + enc(name) + ".json", config.apiUsername());
        }
    }

    private JsonNode createCategory(String name, String description, String privateToGroup) {
        ObjectNode body = http.json().objectNode()
                .put("name", name)
                .put("color", "0088CC")
                .put("text_color", "FFFFFF");
        if (privateToGroup != null) {
            body.putObject("permissions").put(privateToGroup, 1);
        }
        try {
            return http.post("/categories.json", body, config.apiUsername()).path("category");
        } catch (CommunityRemoteException e) {
            if (!e.outcomeUnknown()) {
                throw e;
            }
            for (JsonNode c : http.get("/categories.json", config.apiUsername()).path("category_list").path("categories")) {
                if (name.equals(c.path("name").asText())) {
                    return c;
                }
            }
            throw e;
        }
    }

    private JsonNode topicView(Actor actor, String topicId) {
        JsonNode view = http.get("/t/" + numeric("topicId", topicId) + ".json", user(actor));
        link(view.path("category_id").asText()).ifPresent(l -> requireRead(actor, l));
        return view;
    }

    private Optional<SpaceLink> link(String categoryId) {
        return ctx.read(uow -> uow.find(Links.SPACE, categoryId)).map(Versioned::value);
    }

    private GroupLink groupLink(String groupId) {
        return ctx.read(uow -> uow.find(Links.GROUP, groupId)).map(Versioned::value)
                .orElseThrow(() -> new NotFoundException("study group", groupId));
    }

    private boolean canRead(Actor actor, SpaceLink link) {
        return link == null || link.kind() != SpaceKind.COURSE || actor.has(Role.MODERATOR)
                || options.courseAccess().entitled(actor.id(), link.courseId());
    }

    private void requireRead(Actor actor, SpaceLink link) {
        if (!canRead(actor, link)) {
            throw new ForbiddenException("User '" + actor.id() + "' is not entitled to course '" + link.courseId()
                    + "', so cannot use space '" + link.name() + "'.");
        }
    }

    private void requireEntitled(Actor actor, String courseId) {
        if (!actor.has(Role.MODERATOR) && !options.courseAccess().entitled(actor.id(), courseId)) {
            throw new ForbiddenException("User '" + actor.id() + "' is not entitled to course '" + courseId
                    + "'; buy or renew the course first.");
        }
    }

    private void requireNotSuspended(Actor actor) {
        Instant now = ctx.now();
        ctx.read(uow -> uow.find(Links.SUSPENSION, actor.id().value())).map(Versioned::value)
                .filter(s -> s.until().isAfter(now))
                .ifPresent(s -> {
                    throw new ForbiddenException("User '" + actor.id() + "' is suspended until " + s.until() + " ("
                            + s.reason() + ") and cannot post.");
                });
    }

    private void requireOwner(Actor actor, GroupLink group) {
        if (actor.has(Role.MODERATOR)) {
            return;
        }
        JsonNode root = http.get("/groups/" + enc(group.name()) + "/members.json?limit=" + MEMBERS_PAGE + "&offset=0",
                config.apiUsername());
        for (JsonNode o : root.path("owners")) {
            if (user(actor).equals(o.path("username").asText())) {
                return;
            }
        }
        throw new ForbiddenException("User '" + actor.id() + "' is not an owner of study group '" + group.name() + "'.");
    }

    private int likeId() {
        return actionTypes.like();
    }

    /** The acting user's Discourse username, for {@code Api-Username}. */
    private String user(Actor actor) {
        return users.username(actor.id());
    }

    private static String numeric(String field, String id) {
        new Validator().check(id != null && id.matches("\\d{1,18}"), field,
                "must be a Discourse numeric id (was '" + id + "')").throwIfInvalid();
        return id;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Space toSpace(SpaceLink l, String description) {
        return new Space(l.id(), l.name(), l.slug(), l.kind(), l.courseId(), l.groupId(),
                description == null ? "" : description);
    }

    private static Space generalSpace(JsonNode c) {
        return new Space(c.path("id").asText(), c.path("name").asText(), c.path("slug").asText(), SpaceKind.GENERAL,
                null, null, c.path("description").asText(""));
    }

    private static StudyGroup toGroup(GroupLink g) {
        GroupGoal goal = g.goalCourseId() == null ? null : new GroupGoal(g.goalCourseId(), g.goalPercent(), g.goalDue());
        return new StudyGroup(g.id(), g.name(), g.categoryId(), g.inviteOnly(), goal);
    }

}
