package io.learnloop.examples.storefront;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.learnloop.examples.storefront.ShopClient.find;
import static org.assertj.core.api.Assertions.assertThat;

/** The storefront's pages over plain HTTP: the whole loop and its refusals, without a browser. */
class StorefrontHttpTest {
    private static Storefront shop;

    @BeforeAll
    static void start() {
        shop = Storefront.start(0, null, Map.of());
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    private static String javaCourseId(ShopClient client) {
        return find(client.get("/").body(), "/courses/([0-9a-f-]+)\"><b>Java 并发编程实战");
    }

    @Test
    void catalogue_whenSearched_listsMatchingCoursesInBothLanguages() {
        ShopClient visitor = new ShopClient(shop.uri());
        HttpResponse<String> all = visitor.get("/");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("Java 并发编程实战", "Practical Python for Data Analysis", "5 courses", "Popular now");
        assertThat(visitor.get("/?q=" + URLEncoder.encode("产品", StandardCharsets.UTF_8)).body())
                .contains("1 course", "产品经理入门").doesNotContain("<b>Practical Python");
        assertThat(visitor.get("/?q=pandas").body()).contains("1 course", "Practical Python");
        assertThat(visitor.get("/?q=nothing-like-this").body()).contains("0 courses");
    }

    @Test
    void pages_whenGivenMarkup_escapeIt() {
        ShopClient visitor = new ShopClient(shop.uri());
        String body = visitor.get("/?q=" + URLEncoder.encode("<script>alert(1)</script>", StandardCharsets.UTF_8)).body();
        assertThat(body).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        HttpResponse<String> bad = visitor.post("/signin", "learner", "<b>x</b>");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("&lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>x</b>");
    }

    @Test
    void loop_whenLearnerBuysLearnsAndPasses_getsAVerifiableCertificateAndReviews() {
        ShopClient alice = new ShopClient(shop.uri());
        assertThat(alice.post("/signin", "learner", "alice", "next", "/").body()).contains("Signed in as alice");
        String course = javaCourseId(alice);

        // buy: order, the sandbox's payment page, the signed notification through the webhook and the pipeline
        String page = alice.get("/courses/" + course).body();
        assertThat(page).contains("CNY 199.00", "Sandbox (test payments)", "unavailable: no keys configured", "rating-summary");
        String key = find(page, "name=\"key\" value=\"([^\"]+)\"");
        HttpResponse<String> payPage = alice.post("/checkout", "course", course, "key", key, "provider", "sandbox");
        assertThat(payPage.statusCode()).isEqualTo(200);
        assertThat(payPage.body()).contains("Sandbox checkout", "CNY 199.00");
        String payAction = find(payPage.body(), "action=\"(/sandbox/pay/[^\"]+)\"");
        String order = find(payPage.body(), "name=\"order\" value=\"([^\"]+)\"");
        assertThat(alice.post("/sandbox/pay/ll-someone-elses-payment-1", "order", order).statusCode()).isEqualTo(400);
        HttpResponse<String> orderPage = alice.post(payAction, "order", order);
        assertThat(orderPage.body()).contains("id=\"order-status\">Paid<");
        assertThat(alice.post(payAction, "order", order).body()).contains("id=\"order-status\">Paid<");
        assertThat(alice.get("/courses/" + course).body()).contains("You have access");
        // the same form key again is the same order: nothing is bought twice
        assertThat(alice.post("/checkout", "course", course, "key", key, "provider", "sandbox").statusCode()).isEqualTo(409);

        // learn: skipping to the end without time passing is refused, watching completes the lessons
        String learn = alice.get("/learn/" + course).body();
        List<String> lessons = all(learn, WATCH_FORM_LESSON);
        assertThat(lessons).hasSize(4);
        assertThat(learn).contains("yours: you bought this course").doesNotContain("PURCHASED");
        assertThat(learn).contains("class=\"lesson-optional\"").doesNotContain("id=\"course-complete\"");
        assertThat(learn).contains("id=\"certificate-missing\"");
        alice.post("/learn/" + course + "/watch", "lesson", lessons.get(0));
        String skipped = alice.post("/learn/" + course + "/skip", "lesson", lessons.get(0)).body();
        assertThat(find(skipped, "(\\d+) s refused")).isNotEqualTo("0");
        // the fourth lesson is an optional bonus: the three required ones complete the course
        for (String lesson : lessons.subList(0, 3)) {
            for (int i = 0; i < 3 && !lessonComplete(alice.get("/learn/" + course).body(), lessons.indexOf(lesson) + 1); i++) {
                alice.post("/learn/" + course + "/watch", "lesson", lesson);
            }
        }
        learn = alice.get("/learn/" + course).body();
        assertThat(learn).contains("3 of 4 lessons complete", "id=\"required-progress\">3 of 3<", "id=\"course-complete\"");
        assertThat(lessonComplete(learn, 4)).isFalse();
        assertThat(alice.post("/learn/" + course + "/notes", "lesson", lessons.get(1), "at", "42", "text", "happens-before *matters*")
                .body()).contains("Note saved.", "[00:42]", "happens-before <em>matters</em>");

        // quiz: a wrong attempt fails, a right one passes
        String attempt = alice.post("/quiz/" + course + "/start").body();
        String wrong = alice.post(find(attempt, "action=\"(/attempts/[^\"]+)\""), answers(attempt, false)).body();
        assertThat(wrong).contains("not passed");
        attempt = alice.post("/quiz/" + course + "/start").body();
        String right = alice.post(find(attempt, "action=\"(/attempts/[^\"]+)\""), answers(attempt, true)).body();
        assertThat(right).contains("id=\"quiz-result\" class=\"ok\"", "passed");

        // certificate and its public verification
        assertThat(alice.get("/learn/" + course).body()).contains("issue-certificate");
        String cert = alice.post("/certificates/issue/" + course).body();
        assertThat(cert).contains("id=\"cert-status\">Valid<", "alice");
        String jwt = find(cert, "<textarea id=\"cert-jwt\" rows=\"5\" readonly>([^<]+)</textarea>");
        ShopClient stranger = new ShopClient(shop.uri());
        assertThat(stranger.get("/verify?jwt=" + URLEncoder.encode(jwt, StandardCharsets.UTF_8)).body())
                .contains("id=\"verification\" class=\"ok\">Valid: VALID", "Java 并发编程实战");
        String tampered = jwt.substring(0, jwt.length() - 3) + (jwt.endsWith("A") ? "B" : "A") + jwt.substring(jwt.length() - 2);
        assertThat(stranger.get("/verify?jwt=" + URLEncoder.encode(tampered, StandardCharsets.UTF_8)).body())
                .contains("class=\"bad\">Not valid");

        // review, counted in the summary
        String reviewed = alice.post("/courses/" + course + "/reviews", "rating", "5", "title", "Worth it", "body", "Clear <and> honest").body();
        assertThat(reviewed).contains("your review is published", "Worth it", "Clear &lt;and&gt; honest", "from 3 reviews");

        // the operator's ledger balances to zero and holds the creators' shares
        String operator = alice.get("/operator").body();
        assertThat(operator).contains("id=\"ledger-sum\">CNY 0.00<", "creator-lin", "creator-ada");
        assertThat(shop.serverErrors()).isZero();
    }

    @Test
    void learner_withoutPurchase_cannotWatchPaidLessonsTakeTheQuizOrEnterTheCourseSpace() {
        ShopClient bob = new ShopClient(shop.uri());
        bob.post("/signin", "learner", "bob");
        String course = javaCourseId(bob);
        String learn = bob.get("/learn/" + course).body();
        List<String> lessons = all(learn, WATCH_FORM_LESSON);
        assertThat(lessons).hasSize(1); // the free preview only
        assertThat(learn).contains("locked: buy the course to watch", "free preview").doesNotContain("NOT_ENTITLED", "FREE_PREVIEW");
        String paidLesson = all(learn, "<option value=\"([^\"]+)\"").get(1);
        assertThat(bob.post("/learn/" + course + "/watch", "lesson", paidLesson).statusCode()).isEqualTo(403);
        assertThat(bob.get("/quiz/" + course).statusCode()).isEqualTo(403);
        ShopClient mei = new ShopClient(shop.uri());
        mei.post("/signin", "learner", "mei");
        String javaSpace = find(mei.get("/community").body(), "href=\"/community/spaces/([^\"]+)\">Java 并发编程实战");
        assertThat(bob.get("/community").body()).contains("Lounge 茶水间").doesNotContain(javaSpace);
        assertThat(bob.get("/community/spaces/" + javaSpace).statusCode()).isEqualTo(403);
        assertThat(shop.serverErrors()).isZero();
    }

    @Test
    void community_whenEntitledLearnerPosts_showsTopicsRepliesAndAcceptedAnswers() {
        ShopClient mei = new ShopClient(shop.uri());
        mei.post("/signin", "learner", "mei");
        String spaces = mei.get("/community").body();
        assertThat(spaces).contains("Lounge 茶水间");
        String javaSpace = find(spaces, "href=\"/community/spaces/([^\"]+)\">Java 并发编程实战");
        String space = mei.get("/community/spaces/" + javaSpace).body();
        assertThat(space).contains("volatile 和 synchronized 有什么区别？", "answered");
        String topic = mei.post("/community/spaces/" + javaSpace + "/topics", "title", "Study group for chapter 1?",
                "text", "Anyone up for Sunday?", "question", "yes").body();
        assertThat(topic).contains("Study group for chapter 1?", "Anyone up for Sunday?");
        String topicId = find(topic, "action=\"/community/topics/([^\"]+)/replies\"");
        ShopClient tom = new ShopClient(shop.uri());
        tom.post("/signin", "learner", "tom");
        assertThat(tom.post("/community/topics/" + topicId + "/replies", "text", "Count me in").body()).contains("Count me in");
        String accepted = mei.post(find(mei.get("/community/topics/" + topicId).body(), "action=\"(/community/posts/[^\"]+/accept)\"")).body();
        assertThat(accepted).contains("accepted answer");
        assertThat(shop.serverErrors()).isZero();
    }

    @Test
    void course_withoutReviews_saysSoAndShowsNoStarsOrPriorAverage() {
        ShopClient visitor = new ShopClient(shop.uri());
        String catalogue = visitor.get("/").body();
        String course = find(catalogue, "/courses/([0-9a-f-]+)\"><b>产品经理入门");
        String page = visitor.get("/courses/" + course).body();
        String summary = find(page, "(<div class=\"card\" id=\"rating-summary\">.*?</div>)");
        assertThat(summary).contains("No reviews yet").doesNotContain("★", "☆", "Bayesian", "from 0 reviews");
        // the card in the catalogue and the operator's course table say the same, without the prior's 4.33
        assertThat(find(catalogue, "(<div class=\"card course\"><a class=\"course-link\" href=\"/courses/" + course
                + "\">.*?</div>)")).contains("No reviews yet").doesNotContain("★");
        String row = find(visitor.get("/operator").body(), "(<tr><td>产品经理入门.*?</tr>)");
        assertThat(row).contains("No reviews yet");
        // a reviewed course still shows its stars and its Bayesian average
        String java = find(catalogue, "/courses/([0-9a-f-]+)\"><b>Java 并发编程实战");
        assertThat(find(visitor.get("/courses/" + java).body(), "(<div class=\"card\" id=\"rating-summary\">.*?</table>)"))
                .contains("★", "Bayesian average");
    }

    @Test
    void community_whenPostIsMarkdown_rendersItAndNeutralisesMarkupAndScriptLinks() {
        ShopClient ming = new ShopClient(shop.uri());
        ming.post("/signin", "learner", "ming");
        String lounge = find(ming.get("/community").body(), "href=\"/community/spaces/([^\"]+)\">Lounge");
        String text = "Some **bold** words and `code`\n\n- first\n- second\n\n[docs](https://example.com/docs) "
                + "[click](javascript:alert(1)) [data](data:text/html,hi) ![pic](https://example.com/p.png)\n\n"
                + "<script>alert('x')</script>\n\n<img src=x onerror=alert(2)> and <b>raw</b>";
        String topic = ming.post("/community/spaces/" + lounge + "/topics", "title", "Markdown check", "text", text).body();
        String post = find(topic, "(<div class=\"md\">.*?</div>)");
        assertThat(post).contains("<strong>bold</strong>", "<code>code</code>", "<ul>", "<li>first</li>",
                "href=\"https://example.com/docs\">docs</a>", "rel=\"nofollow noopener ugc\"",
                "&lt;script&gt;", "&lt;img src=x onerror=alert(2)&gt;", "&lt;b&gt;raw&lt;/b&gt;");
        assertThat(post).doesNotContain("<script", "javascript:", "data:text", "<img", "<b>raw");
        // the image is a plain link: nothing loads from elsewhere
        assertThat(post).contains("href=\"https://example.com/p.png\"");
        assertThat(shop.serverErrors()).isZero();
    }

    @Test
    void watch_whenLessonIsPlayedToTheEnd_noticeAndLessonCardAgreeWhereTheNextWatchStarts() {
        ShopClient ravi = new ShopClient(shop.uri());
        ravi.post("/signin", "learner", "ravi");
        String course = find(ravi.get("/").body(), "/courses/([0-9a-f-]+)\"><b>Practical Python");
        String key = find(ravi.get("/courses/" + course).body(), "name=\"key\" value=\"([^\"]+)\"");
        String payPage = ravi.post("/checkout", "course", course, "key", key, "provider", "sandbox").body();
        ravi.post(find(payPage, "action=\"(/sandbox/pay/[^\"]+)\""), "order", find(payPage, "name=\"order\" value=\"([^\"]+)\""));
        String lesson = all(ravi.get("/learn/" + course).body(), WATCH_FORM_LESSON).get(0);
        List<String> ranges = new ArrayList<>();
        for (int press = 0; press < 3; press++) {
            String page = ravi.post("/learn/" + course + "/watch", "lesson", lesson).body();
            String notice = find(page, "id=\"notice\">([^<]+)<");
            String card = find(page, "id=\"lesson-1\".*?<span class=\"muted resume\">([^<]+)<");
            ranges.add(find(notice, "Watched (\\d+–\\d+) s"));
            // the notice ends with where the next watch starts, worded exactly as the lesson card says it
            assertThat(notice).as("press %d", press + 1).endsWith(" · " + card);
        }
        // 120 s lesson: the second press reaches the end, so the third starts again where the page said: at 0 s
        assertThat(ranges).containsExactly("0–60", "60–120", "0–60");
        assertThat(shop.serverErrors()).isZero();
    }

    @Test
    void refund_whenRequested_removesAccessAndKeepsTheLedgerBalanced() {
        ShopClient carol = new ShopClient(shop.uri());
        carol.post("/signin", "learner", "carol");
        String course = find(carol.get("/").body(), "/courses/([0-9a-f-]+)\"><b>Writing Clear Technical English");
        String key = find(carol.get("/courses/" + course).body(), "name=\"key\" value=\"([^\"]+)\"");
        String payPage = carol.post("/checkout", "course", course, "key", key, "provider", "sandbox").body();
        String orderPage = carol.post(find(payPage, "action=\"(/sandbox/pay/[^\"]+)\""), "order",
                find(payPage, "name=\"order\" value=\"([^\"]+)\"")).body();
        assertThat(orderPage).contains(">Paid<");
        assertThat(carol.get("/learning").body()).contains("Writing Clear Technical English");

        String refunded = carol.post(find(orderPage, "action=\"(/orders/[^\"]+/refund)\"")).body();
        assertThat(refunded).contains("id=\"order-status\">Refunded<", "Refunded CNY 79.00");
        assertThat(carol.get("/courses/" + course).body()).contains("buy-button").doesNotContain("You have access");
        assertThat(carol.get("/learning").body()).contains("no-courses");
        assertThat(carol.get("/quiz/" + course).statusCode()).isEqualTo(403);
        assertThat(carol.get("/operator").body()).contains("id=\"ledger-sum\">CNY 0.00<");
        assertThat(shop.serverErrors()).isZero();
    }

    @Test
    void operator_charts_renderAsPngAndSvg() {
        ShopClient visitor = new ShopClient(shop.uri());
        assertThat(visitor.get("/operator").body()).contains("Ledger balances", "revenue.png", "growth.png", "Loop gain");
        for (String chart : List.of("revenue", "growth")) {
            HttpResponse<byte[]> png = visitor.getBytes("/operator/charts/" + chart + ".png");
            assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
            assertThat(png.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            HttpResponse<byte[]> svg = visitor.getBytes("/operator/charts/" + chart + ".svg");
            assertThat(new String(svg.body(), StandardCharsets.UTF_8)).contains("<svg");
        }
        assertThat(visitor.getBytes("/operator/charts/other.gif").statusCode()).isEqualTo(404);
    }

    @Test
    void webhook_whenSignatureIsWrong_isRejectedAndGrantsNothing() {
        ShopClient forger = new ShopClient(shop.uri());
        HttpResponse<String> r = forger.post("/webhooks/sandbox", "id", "evt_forged", "type", "payment.succeeded");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(forger.post("/webhooks/stripe", "id", "x").statusCode()).isEqualTo(404);
    }

    /** The lesson id in each "watch" form of a learning page. */
    private static final String WATCH_FORM_LESSON = "action=\"/learn/[^\"]+/watch\"><input type=\"hidden\" name=\"csrf\" "
            + "value=\"[^\"]+\"><input type=\"hidden\" name=\"lesson\" value=\"([^\"]+)\"";

    private static boolean lessonComplete(String learnPage, int n) {
        String card = find(learnPage, "(id=\"lesson-" + n + "\".*?</div>)");
        return card.contains("lesson-done");
    }

    private static List<String> all(String html, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Answers the Java course's final quiz, rightly or wrongly, from the attempt page as a learner sees it. */
    static String[] answers(String attemptPage, boolean right) {
        List<String> form = new ArrayList<>();
        Matcher q = Pattern.compile("<div class=\"card question\">(.*?)</div>", Pattern.DOTALL).matcher(attemptPage);
        while (q.find()) {
            String block = q.group(1);
            if (block.contains("type=\"text\"")) {
                form.add(find(block, "name=\"([^\"]+)\""));
                form.add(right ? "Executors" : "Threads");
                continue;
            }
            Matcher o = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]+)\" data-text=\"([^\"]+)\"").matcher(block);
            String chosen = null;
            String name = null;
            while (o.find()) {
                name = o.group(1);
                String text = o.group(3);
                boolean correct = text.equals("volatile") || text.equalsIgnoreCase("true");
                if (correct == right) {
                    chosen = o.group(2);
                }
            }
            form.add(name);
            form.add(chosen);
        }
        return form.toArray(String[]::new);
    }
}
