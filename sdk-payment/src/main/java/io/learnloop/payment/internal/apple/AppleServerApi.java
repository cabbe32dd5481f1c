package io.learnloop.payment.internal.apple;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.payment.apple.AppleConfig;
import io.learnloop.payment.internal.http.RemoteErrors;
import io.learnloop.payment.internal.json.Json;

import java.time.Clock;

/**
 * The App Store Server API's {@code GET /inApps/v1/transactions/{transactionId}} through the SDK's HTTP pipeline,
 * authorized by a fresh bearer token per attempt. Answers with {@code {"signedTransactionInfo": "<JWS>"}}; errors with
 * {@code {"errorCode": 4040010, "errorMessage": "..."}}. A 429 and the 5xx statuses are retried by the shared policy
 * (the call is a GET); the others are not.
 *
 * <p>Thread-safe: immutable.
 */
final class AppleServerApi {
    private static final String PEER = "apple";

    private final HttpPipeline http;
    private final String baseUrl;

    AppleServerApi(AppleConfig config, AppleApiCredentials credentials, Clock clock) {
        this.baseUrl = config.apiBaseUrl();
        String bundleId = config.bundleId();
        this.http = HttpPipeline.builder(config.http(), PEER).clock(clock)
                .signer(request -> request.withHeader("Authorization",
                        "Bearer " + credentials.token(clock.instant(), bundleId)))
                .build();
    }

    /**
     * Fetches a transaction's signed info.
     *
     * @param transactionId the transaction id
     * @return the JWS, not yet verified
     * @throws RemoteException if Apple refused or failed
     */
    String signedTransaction(String transactionId) {
        HttpRequest request = HttpRequest.get(baseUrl).pathSegments("inApps/v1/transactions")
                .pathSegment(transactionId).header("Accept", "application/json").build();
        return http.call(request, response -> parse(response));
    }

    private static String parse(HttpResponse response) {
        JsonNode body = Json.parse(response.body());
        if (!response.ok()) {
            Long code = Json.number(body, "errorCode");
            int status = response.status();
            boolean retryable = status == 429 || status >= 500;
            throw RemoteErrors.of(PEER, "transaction look-up", status, code == null ? null : code.toString(),
                    Json.text(body, "errorMessage"), null, retryable, false);
        }
        String signed = Json.text(body, "signedTransactionInfo");
        if (signed == null) {
            throw new RemoteException(ErrorCode.REMOTE_FAILURE,
                    "apple transaction look-up answered without signedTransactionInfo", false, false,
                    response.status(), null, null, null);
        }
        return signed;
    }
}
