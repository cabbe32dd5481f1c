package io.learnloop.lms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnloop.core.Learnloop;
import io.learnloop.http.SharedHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class XapiStatementValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = """
            {"id":"5d0c3f5e-8a8e-5c41-9b0e-1f7b8e4c2a61",
             "actor":{"objectType":"Agent","account":{"homePage":"https://courses.example.com","name":"learner-7"}},
             "verb":{"id":"http://adlnet.gov/expapi/verbs/passed","display":{"en-US":"passed"}},
             "object":{"objectType":"Activity","id":"https://courses.example.com/xapi/quizzes/q1",
                       "definition":{"type":"http://adlnet.gov/expapi/activities/assessment","name":{"en":"Quiz"}}},
             "result":{"score":{"scaled":0.8,"raw":80,"min":0,"max":100},"success":true,"completion":true,
                       "duration":"PT4M30.5S"},
             "context":{"registration":"ec531277-b57b-4c15-8d91-d292c5b2b8f7","language":"en-GB",
                        "contextActivities":{"parent":[{"id":"https://courses.example.com/xapi/courses/c1"}]},
                        "extensions":{"https://learnloop.io/xapi/extensions/event-id":"e-1"}},
             "timestamp":"2026-12-07T09:00:00.000Z"}
            """;

    private final XapiPublisher xapi = Xapi.publisher(Learnloop.builder().build(),
            XapiConfig.builder(SharedHttpClient.create(), "https://courses.example.com",
                    "https://courses.example.com/xapi/").lrs(new LrsEndpoint("main", "https://lrs.example.com/xapi",
                    "key", "secret")).build());

    private static String mutated(Consumer<ObjectNode> change) {
        try {
            ObjectNode s = (ObjectNode) JSON.readTree(VALID);
            change.accept(s);
            return s.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode at(ObjectNode s, String pointer) {
        return (ObjectNode) s.at(pointer);
    }

    @Test
    void validate_whenTheStatementFollowsTheRules_accepts() {
        xapi.validate(VALID);
        xapi.validate(mutated(s -> s.put("timestamp", "2026-12-07T09:00:00+00:00")));
        xapi.validate(mutated(s -> {
            at(s, "/actor").remove("account");
            at(s, "/actor").put("mbox_sha1sum", "ebd31e95054c018b10727ccffd2ef2ec3a016ee9");
        }));
        assertThat(VALID).contains("learner-7");
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                arguments("no actor", (Consumer<ObjectNode>) s -> s.remove("actor"), "actor"),
                arguments("no verb", (Consumer<ObjectNode>) s -> s.remove("verb"), "verb"),
                arguments("no object", (Consumer<ObjectNode>) s -> s.remove("object"), "object"),
                arguments("two identifiers", (Consumer<ObjectNode>) s -> at(s, "/actor")
                        .put("mbox", "mailto:a@example.com"), "actor"),
                arguments("no identifier", (Consumer<ObjectNode>) s -> at(s, "/actor").remove("account"), "actor"),
                arguments("mbox without mailto", (Consumer<ObjectNode>) s -> {
                    at(s, "/actor").remove("account");
                    at(s, "/actor").put("mbox", "a@example.com");
                }, "actor.mbox"),
                arguments("relative home page", (Consumer<ObjectNode>) s -> at(s, "/actor/account")
                        .put("homePage", "courses.example.com"), "actor.account.homePage"),
                arguments("relative verb", (Consumer<ObjectNode>) s -> at(s, "/verb").put("id", "passed"),
                        "verb.id"),
                arguments("bad language tag", (Consumer<ObjectNode>) s -> at(s, "/verb/display")
                        .put("english!", "passed"), "verb.display"),
                arguments("relative activity", (Consumer<ObjectNode>) s -> at(s, "/object").put("id", "quiz-1"),
                        "object.id"),
                arguments("scaled above 1", (Consumer<ObjectNode>) s -> at(s, "/result/score").put("scaled", 1.5),
                        "result.score.scaled"),
                arguments("raw above max", (Consumer<ObjectNode>) s -> at(s, "/result/score").put("raw", 101),
                        "result.score.raw"),
                arguments("duration not ISO 8601", (Consumer<ObjectNode>) s -> at(s, "/result")
                        .put("duration", "4 minutes"), "result.duration"),
                arguments("success not boolean", (Consumer<ObjectNode>) s -> at(s, "/result").put("success", "yes"),
                        "result.success"),
                arguments("timestamp not UTC", (Consumer<ObjectNode>) s -> s.put("timestamp",
                        "2026-12-07T10:00:00+01:00"), "timestamp"),
                arguments("timestamp without zone", (Consumer<ObjectNode>) s -> s.put("timestamp",
                        "2026-12-07T09:00:00"), "timestamp"),
                arguments("id not a UUID", (Consumer<ObjectNode>) s -> s.put("id", "statement-1"), "id"),
                arguments("registration not a UUID", (Consumer<ObjectNode>) s -> at(s, "/context")
                        .put("registration", "r-1"), "context.registration"),
                arguments("extension key not an IRI", (Consumer<ObjectNode>) s -> at(s, "/context/extensions")
                        .put("eventId", "e-1"), "context.extensions"),
                arguments("version 2.0", (Consumer<ObjectNode>) s -> s.put("version", "2.0.0"), "version"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void validate_whenARuleIsBroken_namesTheField(String name, Consumer<ObjectNode> change, String field) {
        assertThatThrownBy(() -> xapi.validate(mutated(change))).isInstanceOfSatisfying(XapiException.class, e -> {
            assertThat(e.problem()).isEqualTo(XapiException.Problem.INVALID_STATEMENT);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(field);
        });
    }

    @Test
    void validate_whenTheTextIsNotJson_namesTheStatement() {
        assertThatThrownBy(() -> xapi.validate("{actor")).isInstanceOfSatisfying(XapiException.class, e ->
                assertThat(e.field()).isEqualTo("statement"));
    }
}
