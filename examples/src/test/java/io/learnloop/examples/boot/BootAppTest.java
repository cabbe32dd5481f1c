package io.learnloop.examples.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The example application, started as it is run, sells its course through the HTTP API and the Sandbox provider. */
@ExtendWith(RunningApp.class)
class BootAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void purchase_whenPaidThroughTheSandbox_settlesTheOrderAndOpensTheCourse(RunningApp.App app) throws Exception {
        String tom = basic(DemoSecurity.TOM, DemoSecurity.TOM_PASSWORD);
        JsonNode course = json(send(get(app.apiBase() + "/courses"), 200)).get("items").get(0);
        String courseId = course.get("id").asText();
        JsonNode page = json(send(get(app.apiBase() + "/courses/" + courseId), 200));
        String offerId = page.get("offers").get(0).get("id").asText();
        String paidLesson = page.get("chapters").get(0).get("lessons").get(1).get("id").asText();
        String watch = "{\"deviceId\":\"java\",\"segments\":[{\"fromSecond\":0,\"toSecond\":60,\"playbackRate\":1.0}]}";

        send(post(app.apiBase() + "/lessons/" + paidLesson + "/watch", watch, tom, null), 403);
        JsonNode order = json(send(post(app.apiBase() + "/orders", "{\"offers\":[\"" + offerId + "\"]}", tom,
                UUID.randomUUID().toString()), 201));
        String orderId = order.get("id").asText();
        JsonNode checkout = json(send(post(app.apiBase() + "/orders/" + orderId + "/checkout",
                "{\"provider\":\"sandbox\",\"flow\":\"REDIRECT\"}", tom, UUID.randomUUID().toString()), 200));
        assertThat(json(send(get(app.apiBase() + "/orders/" + orderId, tom), 200)).get("status").asText())
                .isEqualTo("AWAITING_PAYMENT");
        send(post(app.origin() + "/sandbox/payments/" + checkout.get("merchantReference").asText() + "/pay", "",
                null, null), 204);

        JsonNode paid = json(send(get(app.apiBase() + "/orders/" + orderId, tom), 200));
        assertThat(paid.get("status").asText()).isEqualTo("PAID");
        assertThat(paid.get("learner").asText()).isEqualTo(DemoSecurity.TOM);
        assertThat(paid.get("payment").get("provider").asText()).isEqualTo("sandbox");
        assertThat(json(send(post(app.apiBase() + "/lessons/" + paidLesson + "/watch", watch, tom, null), 200))
                .get("lessonCompleted").asBoolean()).isTrue();
    }

    @Test
    void placeOrder_whenNotSignedIn_answers401AndWhenThePasswordIsWrong_too(RunningApp.App app) throws Exception {
        String body = "{\"offers\":[\"any\"]}";
        JsonNode problem = json(send(post(app.apiBase() + "/orders", body, null, "k-1"), 401));
        assertThat(problem.get("code").asText()).isEqualTo("UNAUTHENTICATED");
        send(post(app.apiBase() + "/orders", body, basic(DemoSecurity.TOM, "not-his-password"), "k-1"), 401);
    }

    @Test
    void sandboxPayPage_whenNoSuchPayment_answers404(RunningApp.App app) throws Exception {
        send(post(app.origin() + "/sandbox/payments/no-such-reference/pay", "", null, null), 404);
    }

    @Test
    void sandboxWebhook_whenTheSignatureIsForged_refusesTheNotification(RunningApp.App app) throws Exception {
        HttpRequest forged = HttpRequest.newBuilder(URI.create(app.origin() + SandboxPayments.WEBHOOK_PATH))
                .header("Content-Type", "application/json").header("Sandbox-Signature", "t=1,kid=sandbox-key-1,v1=00")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"payment.succeeded\"}")).build();
        HttpResponse<String> answer = http.send(forged, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest get(String url) {
        return get(url, null);
    }

    private static HttpRequest get(String url, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }

    private static HttpRequest post(String url, String body, String authorization, String idempotencyKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return b.build();
    }

    private String send(HttpRequest request, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body())
                .isEqualTo(expectedStatus);
        return response.body();
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }
}
