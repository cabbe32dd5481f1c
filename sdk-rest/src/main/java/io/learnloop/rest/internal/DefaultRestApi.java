package io.learnloop.rest.internal;

import io.learnloop.rest.RestApi;
import io.learnloop.rest.RestRequest;
import io.learnloop.rest.RestResponse;
import io.learnloop.rest.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Routes a request, runs the checks every route shares, and turns the reply or failure into a response. */
final class DefaultRestApi implements RestApi {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultRestApi.class);
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final Router router;
    private final Idempotency idempotency;
    private final int maxBodyBytes;

    DefaultRestApi(Router router, Idempotency idempotency, int maxBodyBytes) {
        this.router = router;
        this.idempotency = idempotency;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public RestResponse handle(RestRequest request) {
        try {
            return respond(answer(request));
        } catch (RuntimeException e) {
            Problem p = Problems.of(e, request.path());
            if (p.status() >= 500) {
                LOG.warn("{} {} failed with {}", request.method(), request.path(), p.code(), e);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", PROBLEM_JSON);
            if (e instanceof RestFailure f) {
                headers.putAll(f.headers());
            }
            return new RestResponse(p.status(), headers, Json.write(p));
        }
    }

    private Reply answer(RestRequest request) {
        Router.Match match = router.match(request.method(), request.path());
        Endpoint endpoint = match.endpoint();
        // A route that reads no body ignores one, so it never answers 413 or 415.
        if (endpoint.readsBody() && request.bodyLength() > maxBodyBytes) {
            throw new RestFailure(413, "PAYLOAD_TOO_LARGE", "The body has " + request.bodyLength()
                    + " bytes; this API reads at most " + maxBodyBytes + ".");
        }
        if (endpoint.readsBody() && request.bodyLength() > 0 && !isJson(request.header("content-type"))) {
            throw new RestFailure(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
        }
        Call call = new Call(request, match.params());
        if (endpoint.route().access() == Route.Access.SIGNED_IN && request.actor() == null) {
            throw Call.unauthenticated();
        }
        if (endpoint.movesMoney()) {
            String key = Idempotency.key(call);
            return idempotency.run(call, key, () -> endpoint.handler().handle(call));
        }
        return endpoint.handler().handle(call);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semi = type.indexOf(';');
        type = (semi < 0 ? type : type.substring(0, semi)).trim();
        return type.equals(JSON) || type.endsWith("+json");
    }

    private static RestResponse respond(Reply reply) {
        Map<String, String> headers = new LinkedHashMap<>(reply.headers());
        if (reply.body() == null) {
            return new RestResponse(reply.status() == 200 ? 204 : reply.status(), headers, new byte[0]);
        }
        headers.put("Content-Type", JSON);
        byte[] body = reply.body() instanceof Reply.RawJson raw ? raw.bytes() : Json.write(reply.body());
        return new RestResponse(reply.status(), headers, body);
    }

    List<Endpoint> endpoints() {
        return router.endpoints();
    }

    @Override
    public List<Route> routes() {
        return router.routes();
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }
}
