package io.learnloop.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.internal.json.WireModule;

import java.io.IOException;

/**
 * The SDK's JSON wire format (documented in {@code docs/wire-format.md}). Every public record round-trips through
 * it. Unknown properties are tolerated on read. This is the one package whose signatures name Jackson types: a
 * host that has its own {@link ObjectMapper} registers {@link #module()} on a copy of it; the host's mapper is
 * never changed by the SDK.
 *
 * <p>Thread-safe: the shared mapper is configured once and never changed.
 */
public final class LearnloopJson {
    private static final ObjectMapper MAPPER = newMapper();
    /** Leaves out null properties (not null values of maps, whose absence would mean something else). */
    private static final ObjectMapper COMPACT = newMapper()
            .setDefaultPropertyInclusion(com.fasterxml.jackson.annotation.JsonInclude.Value.construct(
                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL,
                    com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS));

    private LearnloopJson() {
    }

    /**
     * The Jackson module with the SDK's serializers (typed ids as strings, money as minor units plus currency,
     * instants as ISO-8601 UTC strings).
     *
     * @return a new module instance
     */
    public static Module module() {
        return new WireModule();
    }

    /**
     * A new mapper set up for the wire format, for hosts that want one of their own.
     *
     * @return a new mapper
     */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(module())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
    }

    /**
     * Writes a value in the wire format.
     *
     * @param value the value
     * @return its JSON text
     */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "Could not write " + value.getClass().getName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes a value in the wire format without its null fields: for documents a store keeps, where a field that is
     * absent reads back as null just as one written as null does, so the shorter text stands for the same value.
     *
     * @param value the value
     * @return its JSON text, without null fields
     */
    public static String toCompactJson(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "Could not write " + value.getClass().getName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a value from the wire format.
     *
     * @param json the JSON text
     * @param type the record type
     * @param <T>  the type
     * @return the value
     * @throws ValidationException if the text is not valid JSON for the type
     */
    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw unwrap(e, type);
        }
    }

    /**
     * Reads a value from UTF-8 JSON bytes.
     *
     * @param json the JSON bytes
     * @param type the record type
     * @param <T>  the type
     * @return the value
     * @throws ValidationException if the bytes are not valid JSON for the type
     */
    public static <T> T fromJson(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw unwrap(e, type);
        }
    }

    private static RuntimeException unwrap(IOException e, Class<?> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LearnloopException le) {
                return le;
            }
        }
        String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return ValidationException.of("json", "is not a valid " + type.getSimpleName() + ": " + detail);
    }
}
