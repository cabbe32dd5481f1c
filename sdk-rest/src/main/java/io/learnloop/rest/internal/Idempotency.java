package io.learnloop.rest.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Versioned;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Idempotency keys of the POSTs that move money (the {@code Idempotency-Key} header): the first successful response
 * is stored through the store SPI, so a repeat with the same key and body, on any instance, gets that response back
 * without running again; the same key with another body is refused with 422 and changes nothing.
 *
 * <p>The response is stored after the operation commits, not in its transaction. What makes that safe is that every
 * operation behind such a route is idempotent in the core as well (an order is placed under a client key derived
 * from the idempotency key, a checkout resumes the order's attempt): a repeat that arrives before the response is
 * stored runs the operation again and gets the same result. Failures are not stored, so a failed request may be
 * retried with its key.
 */
final class Idempotency {
    /** The request header. */
    static final String HEADER = "idempotency-key";
    /** The longest key accepted; it also fits a client key of an order. */
    static final int MAX_KEY = 128;

    /** Index of every stored response by when it was stored, for the retention job; one key for all. */
    static final String BY_AGE = "age";
    static final String ALL = "all";
    /** Index of stored responses by the caller's id, oldest first, for the caller's erasure. */
    static final String BY_CALLER = "caller";

    static final AggregateType<StoredResponse> TYPE =
            AggregateType.builder("rest_idempotency", StoredResponse.class, StoredResponse::id)
                    .sortedIndex(BY_AGE, r -> ALL, r -> SortKeys.instant(r.createdAt()))
                    .sortedIndex(BY_CALLER, StoredResponse::caller, r -> SortKeys.instant(r.createdAt()))
                    .build();

    private final ServiceContext context;

    Idempotency(ServiceContext context) {
        this.context = context;
    }

    /** Reads and checks the key header of a request. */
    static String key(Call call) {
        String key = call.request().header(HEADER);
        if (key == null || key.isBlank()) {
            throw RestFailure.invalid("Idempotency-Key", "header is required on this POST: send a new random key per"
                    + " operation (a UUID) and the same key when you retry it");
        }
        if (key.length() > MAX_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw RestFailure.invalid("Idempotency-Key", "must be 1 to " + MAX_KEY + " visible ASCII characters");
        }
        return key;
    }

    Reply run(Call call, String key, Supplier<Reply> operation) {
        Actor actor = call.actor();
        String route = call.request().method() + " " + call.request().path();
        String id = sha256(actor.id().value() + "\n" + route + "\n" + key);
        String hash = sha256(call.request().body());
        Optional<StoredResponse> earlier = context.read(w -> w.find(TYPE, id).map(Versioned::value));
        if (earlier.isPresent()) {
            return replay(earlier.get(), hash);
        }
        Reply reply = operation.get();
        if (reply.status() < 200 || reply.status() >= 300) {
            return reply;
        }
        StoredResponse stored = new StoredResponse(id, route, hash, reply.status(),
                new String(Json.write(reply.body()), StandardCharsets.UTF_8), reply.headers().get("Location"),
                context.now(), actor.id().value());
        try {
            context.transact(w -> w.insert(TYPE, stored));
        } catch (ConflictException e) {
            if (e.code() != ErrorCode.DUPLICATE_KEY) {
                throw e;
            }
            // A concurrent repeat stored its response first; both ran the same idempotent operation.
            return replay(context.read(w -> w.get(TYPE, id).value()), hash);
        }
        return reply;
    }

    private static Reply replay(StoredResponse stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            throw new RestFailure(422, "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used for a request with"
                    + " another body; send a new key for a new operation, or the original body to repeat it.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotent-Replayed", "true");
        if (stored.location() != null) {
            headers.put("Location", stored.location());
        }
        return new Reply(stored.status(), new Reply.RawJson(stored.body().getBytes(StandardCharsets.UTF_8)), headers);
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
