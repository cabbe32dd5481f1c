package io.learnloop.lms.internal;

import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.lms.LrsEndpoint;
import io.learnloop.lms.XapiConfig;
import io.learnloop.lms.XapiException;
import io.learnloop.lms.XapiVocabulary;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * The statements resource of one LRS through the shared HTTP pipeline: every attempt carries HTTP Basic credentials
 * and {@code X-Experience-API-Version}. A POST of statements with client-made ids is repeatable (the LRS keeps one
 * statement per id), so the pipeline retries it on 5xx, 429 and timeouts like a PUT; a call that never gets an answer
 * becomes {@link XapiException.Problem#LRS_UNAVAILABLE}.
 *
 * <p>Thread-safe: immutable.
 */
final class LrsClient {
    private static final String JSON = "application/json; charset=utf-8";

    private final LrsEndpoint lrs;
    private final HttpPipeline http;

    LrsClient(XapiConfig config, LrsEndpoint lrs, Clock clock) {
        this.lrs = lrs;
        String basic = "Basic " + Base64.getEncoder().encodeToString((lrs.username() + ":" + lrs.password())
                .getBytes(StandardCharsets.UTF_8));
        this.http = HttpPipeline.builder(config.http(), "lrs-" + lrs.id()).clock(clock)
                .signer(r -> r.withHeader("Authorization", basic)
                        .withHeader("X-Experience-API-Version", XapiVocabulary.VERSION))
                .noResponse(f -> new XapiException(XapiException.Problem.LRS_UNAVAILABLE, null, 0,
                        "The LRS '" + lrs.id() + "' did not answer: " + f.message()
                                + ". The statements stay queued and are sent again.", f.cause()))
                .build();
    }

    String id() {
        return lrs.id();
    }

    /** POSTs a batch: the statements' JSON texts as one array. */
    HttpResponse post(List<String> statements) {
        byte[] body = ("[" + String.join(",", statements) + "]").getBytes(StandardCharsets.UTF_8);
        return http.call(HttpRequest.post(lrs.statementsUrl()).body(body, JSON).idempotent().build(), r -> r);
    }

    /** PUTs one statement under its id. */
    HttpResponse put(String id, String statement) {
        return http.call(HttpRequest.of("PUT", lrs.statementsUrl()).query("statementId", id)
                .body(statement.getBytes(StandardCharsets.UTF_8), JSON).build(), r -> r);
    }

    /** GETs the statement the LRS holds under an id. */
    HttpResponse get(String id) {
        return http.call(HttpRequest.get(lrs.statementsUrl()).query("statementId", id).build(), r -> r);
    }
}
