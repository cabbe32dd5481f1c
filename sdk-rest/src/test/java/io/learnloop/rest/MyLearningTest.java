package io.learnloop.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.learnloop.rest.ApiFixture.LENA;
import static io.learnloop.rest.ApiFixture.MAX;
import static io.learnloop.rest.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** My learning after buying a course: progress, notes, the quiz without its answers, certificates. */
class MyLearningTest {
    private final ApiFixture f = new ApiFixture();

    private String paidLesson() {
        return f.java.published().chapters().get(0).lessons().get(1).id().value();
    }

    private void buyJava(io.learnloop.core.identity.Actor learner) {
        f.pay(f.placeOrder(learner, f.javaOffer, "buy-" + learner.id()), learner);
    }

    private void readArticle() {
        RestResponse open = f.post("/lessons/" + paidLesson() + "/open", LENA, null);
        assertThat(open.status()).as(open.bodyText()).isEqualTo(200);
        f.clock.advance(java.time.Duration.ofMinutes(10));
    }

    @Test
    void startQuiz_whenStarted_showsQuestionsWithoutAnyAnswer() {
        buyJava(LENA);
        RestResponse r = f.post("/quizzes/" + f.quiz.id().value() + "/attempts", LENA, null);
        assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
        JsonNode view = json(r);
        assertThat(view.get("questions")).hasSize(2);
        assertThat(r.headers().get("Location")).isEqualTo("/quiz-attempts/" + view.get("attemptId").asText());
        assertThat(r.bodyText()).doesNotContain("\"correct\"").doesNotContain("\"accepted\"")
                .doesNotContain("\"answer\"");
    }

    @Test
    void submitQuizAttempt_whenAnswered_gradesIt() {
        buyJava(LENA);
        JsonNode view = json(f.post("/quizzes/" + f.quiz.id().value() + "/attempts", LENA, null));
        StringBuilder answers = new StringBuilder();
        for (JsonNode q : view.get("questions")) {
            for (JsonNode o : q.get("options")) {
                if (o.get("text").asText().equals("final") || o.get("text").asText().equals("True")) {
                    answers.append(answers.length() == 0 ? "" : ",").append('"').append(q.get("key").asText())
                            .append("\":{\"choices\":[\"").append(o.get("key").asText()).append("\"]}");
                }
            }
        }
        RestResponse r = f.post("/quiz-attempts/" + view.get("attemptId").asText() + "/submission", LENA,
                "{\"answers\":{" + answers + "}}");
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        assertThat(json(r).get("passed").asBoolean()).isTrue();
        assertThat(json(r).get("maxScore").asInt()).isEqualTo(2);
    }

    @Test
    void getQuizAttempt_whenAnotherLearnersAttempt_isRefusedAndSubmitChangesNothing() {
        buyJava(LENA);
        buyJava(MAX);
        String attempt = json(f.post("/quizzes/" + f.quiz.id().value() + "/attempts", LENA, null))
                .get("attemptId").asText();
        RestResponse read = f.get("/quiz-attempts/" + attempt, MAX);
        assertThat(read.status()).isIn(403, 404);
        RestResponse submit = f.post("/quiz-attempts/" + attempt + "/submission", MAX,
                "{\"answers\":{\"q1\":{\"choices\":[\"a\"]}}}");
        assertThat(submit.status()).isIn(403, 404);
        assertThat(f.get("/quiz-attempts/" + attempt, LENA).status()).isEqualTo(200);
        assertThat(f.learnloop.quizzes().attempts(LENA.id(), f.quiz.id()).get(0).state().name())
                .isEqualTo("IN_PROGRESS");
    }

    @Test
    void completeLesson_whenCourseNotBought_answers403AndRecordsNothing() {
        RestResponse r = f.post("/lessons/" + paidLesson() + "/read", LENA, null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(f.learnloop.progress().progressOf(LENA.id())).isEmpty();
    }

    @Test
    void completeLesson_whenBought_countsTowardsTheCourse() {
        buyJava(LENA);
        readArticle();
        RestResponse r = f.post("/lessons/" + paidLesson() + "/read", LENA, null);
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        assertThat(json(r).get("lessonCompleted").asBoolean()).isTrue();
        JsonNode course = json(f.get("/courses/" + f.java.id().value() + "/progress", LENA));
        assertThat(course.get("completedLessons").asInt()).isEqualTo(1);
        assertThat(json(f.get("/me/progress", LENA)).get("items")).hasSize(1);
        assertThat(f.get("/me/learning", LENA).status()).isEqualTo(200);
    }

    @Test
    void addNote_whenBought_listsItAsMine() {
        buyJava(LENA);
        RestResponse r = f.post("/lessons/" + paidLesson() + "/notes", LENA,
                "{\"anchor\":{\"mediaMillis\":-1,\"textStart\":0,\"textEnd\":5},\"markdown\":\"records are final\",\"visibility\":\"PRIVATE\"}");
        assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
        assertThat(json(f.get("/me/notes", LENA)).get("items")).hasSize(1);
        assertThat(json(f.get("/me/notes", MAX)).get("items")).isEmpty();
    }

    @Test
    void verifyCertificate_whenIssuedToALearner_isValidForAnyoneAndTamperingIsCaught() {
        buyJava(LENA);
        for (var chapter : f.java.published().chapters()) {
            for (var lesson : chapter.lessons()) {
                if (lesson.type() == io.learnloop.core.catalog.LessonType.VIDEO) {
                    RestResponse w = f.post("/lessons/" + lesson.id().value() + "/watch", LENA,
                            "{\"deviceId\":\"phone\",\"segments\":[{\"fromSecond\":0,\"toSecond\":720,"
                                    + "\"playbackRate\":1.0}]}");
                    assertThat(w.status()).as(w.bodyText()).isEqualTo(200);
                } else {
                    readArticle();
                    f.post("/lessons/" + lesson.id().value() + "/read", LENA, null);
                }
            }
        }
        RestResponse issued = f.post("/courses/" + f.java.id().value() + "/certificate", LENA, null);
        assertThat(issued.status()).as(issued.bodyText()).isEqualTo(201);
        String jwt = json(issued).get("jwt").asText();
        assertThat(json(f.get("/me/certificates", LENA)).get("items")).hasSize(1);

        JsonNode valid = json(f.post("/certificates/verification", null, "{\"credential\":\"" + jwt + "\"}"));
        assertThat(valid.get("status").asText()).isEqualTo("VALID");
        String tampered = jwt.substring(0, jwt.length() - 4) + (jwt.endsWith("AAAA") ? "BBBB" : "AAAA");
        JsonNode bad = json(f.post("/certificates/verification", null, "{\"credential\":\"" + tampered + "\"}"));
        assertThat(bad.get("status").asText()).isNotEqualTo("VALID");
        assertThat(json(f.get("/certificates/keys", null)).get("keys")).hasSize(1);
    }
}
