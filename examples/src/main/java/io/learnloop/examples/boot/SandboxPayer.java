package io.learnloop.examples.boot;

import io.learnloop.core.error.ValidationException;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * DEMO ONLY: the Sandbox provider's payment page. A POST is the payer paying the payment of the path's
 * {@code merchantReference}; then every notification the sandbox has due is sent, signed, to the application's own
 * webhook endpoint over HTTP, as the provider's servers would send it. Answers 204 once the webhook endpoint
 * acknowledged them all, 404 when there is no such pending payment, 502 when the endpoint refused one.
 *
 * <p>Thread-safe: the sandbox is, and the HTTP client is shared.
 */
final class SandboxPayer implements HandlerFunction<ServerResponse> {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final SandboxProvider sandbox;
    private final String webhookPath;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    SandboxPayer(SandboxProvider sandbox, String webhookPath) {
        this.sandbox = sandbox;
        this.webhookPath = webhookPath;
    }

    @Override
    public ServerResponse handle(ServerRequest request) throws IOException, InterruptedException {
        try {
            sandbox.pay(request.pathVariable("merchantReference"));
        } catch (ValidationException e) {
            return ServerResponse.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
        }
        // the application receives its own webhook over loopback, on the port that served this request
        URI endpoint = URI.create("http://127.0.0.1:" + request.servletRequest().getLocalPort()
                + request.servletRequest().getContextPath() + webhookPath);
        for (SandboxNotification n : sandbox.deliverable()) {
            HttpRequest.Builder post = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(n.body()));
            n.headers().forEach(post::header);
            HttpResponse<String> answer = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                return ServerResponse.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.TEXT_PLAIN)
                        .body("the webhook endpoint answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        return ServerResponse.noContent().build();
    }
}
