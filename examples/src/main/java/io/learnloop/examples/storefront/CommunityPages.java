package io.learnloop.examples.storefront;

import io.learnloop.community.Community;
import io.learnloop.community.Post;
import io.learnloop.community.Space;
import io.learnloop.community.SpaceKind;
import io.learnloop.community.Topic;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.Actor;
import io.learnloop.examples.storefront.WebServer.Request;
import io.learnloop.examples.storefront.WebServer.Response;

import java.util.Map;

/**
 * Community threads on the embedded backend: spaces, topics, questions with accepted answers, replies. Course spaces
 * are open only to learners entitled to the course (the community asks {@code learnloop.access()}).
 */
final class CommunityPages extends Pages {
    CommunityPages(Shop shop) {
        super(shop);
    }

    @Override
    void register(WebServer web) {
        web.get("/community", this::spaces);
        web.get("/community/spaces/{id}", this::space);
        web.post("/community/spaces/{id}/topics", this::newTopic);
        web.get("/community/topics/{id}", this::topic);
        web.post("/community/topics/{id}/replies", this::reply);
        web.post("/community/posts/{id}/accept", this::accept);
    }

    private Community community() {
        return shop.community;
    }

    private Response spaces(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        StringBuilder b = new StringBuilder("<div id=\"spaces\">");
        for (Space s : community().spaces(actor(req)).iterateAll()) {
            boolean open = s.kind() != SpaceKind.COURSE
                    || shop.learnloop.access().hasAccess(learner(req), CourseId.of(s.courseId()), shop.clock.instant());
            b.append("<div class=\"card\"><a class=\"space-link\" href=\"/community/spaces/").append(Html.esc(s.id())).append("\">")
                    .append(Html.esc(s.name())).append("</a> <span class=\"muted\">").append(Html.esc(Wording.of(s.kind())))
                    .append(open ? "" : " · for learners of this course").append("</span></div>");
        }
        return page(req, "Community", b.append("</div>").toString());
    }

    private Response space(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Actor me = actor(req);
        Space s = community().space(me, req.param("id"));
        StringBuilder b = new StringBuilder(Html.notice(req.param("notice"))).append("<div id=\"topics\">");
        for (Topic t : community().topics(me, s.id()).iterateAll()) {
            b.append("<div class=\"card\"><a class=\"topic-link\" href=\"/community/topics/").append(Html.esc(t.id())).append("\">")
                    .append(Html.esc(t.title())).append("</a> <span class=\"muted\">").append(t.question() ? "question · " : "")
                    .append(t.acceptedPostId() != null ? "answered · " : "").append(t.replyCount()).append(" replies · by ")
                    .append(Html.esc(t.author().value())).append("</span></div>");
        }
        b.append("</div><form method=\"post\" class=\"card\" action=\"/community/spaces/").append(Html.esc(s.id()))
                .append("/topics\">").append(csrfField(req)).append("<b>Start a topic</b><label>Title <input type=\"text\" name=\"title\" id=\"topic-title\" size=\"60\"></label>")
                .append("<label>Text (Markdown) <textarea name=\"text\" id=\"topic-text\" rows=\"3\"></textarea></label>")
                .append("<label><input type=\"checkbox\" name=\"question\" value=\"yes\" id=\"topic-question\"> This is a question</label>")
                .append("<button id=\"topic-submit\">Post</button></form>");
        return page(req, s.name(), b.toString());
    }

    private Response newTopic(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Topic t = community().createTopic(actor(req), req.param("id"), req.param("title"), req.param("text"),
                "yes".equals(req.param("question")));
        return Response.redirect("/community/topics/" + Html.url(t.id()));
    }

    private Response topic(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Actor me = actor(req);
        Topic t = community().topic(me, req.param("id"));
        StringBuilder b = new StringBuilder("<p class=\"muted\"><a href=\"/community/spaces/").append(Html.esc(t.spaceId()))
                .append("\">Back to the space</a></p><div id=\"posts\">");
        for (Post p : community().posts(me, t.id()).iterateAll()) {
            boolean accepted = p.id().equals(t.acceptedPostId());
            b.append("<div class=\"card post\"><span class=\"muted\">#").append(p.number()).append(" by ")
                    .append(Html.esc(p.author().value())).append(accepted ? " · <span class=\"ok\">accepted answer</span>" : "")
                    .append("</span><div class=\"md\">").append(Markdown.render(p.markdown())).append("</div>");
            if (t.question() && t.acceptedPostId() == null && p.number() > 1 && t.author().value().equals(req.learner())) {
                b.append(button(req, "/community/posts/" + p.id() + "/accept", "accept-" + p.number(), "Accept this answer", Map.of()));
            }
            b.append("</div>");
        }
        b.append("</div><form method=\"post\" class=\"card\" action=\"/community/topics/").append(Html.esc(t.id()))
                .append("/replies\">").append(csrfField(req)).append("<label>Reply (Markdown) <textarea name=\"text\" id=\"reply-text\" rows=\"3\"></textarea></label>")
                .append("<button id=\"reply-submit\">Reply</button></form>");
        return page(req, t.title(), b.toString());
    }

    private Response reply(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        community().reply(actor(req), req.param("id"), req.param("text"), 0);
        return Response.redirect("/community/topics/" + Html.url(req.param("id")));
    }

    private Response accept(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Topic t = community().acceptAnswer(actor(req), req.param("id"));
        return Response.redirect("/community/topics/" + Html.url(t.id()));
    }
}
