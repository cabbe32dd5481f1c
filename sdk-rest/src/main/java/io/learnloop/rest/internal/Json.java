package io.learnloop.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.json.LearnloopJson;

import java.io.IOException;

/** Reads request bodies and writes response bodies in the wire format. */
final class Json {
    private static final ObjectMapper MAPPER = LearnloopJson.newMapper()
            // a number where an object belongs, or a trailing token, is malformed input rather than something to guess at
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

    private Json() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "Could not write " + value.getClass().getSimpleName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw RestFailure.invalid("body", "is required: send a JSON object");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw RestFailure.invalid("body", "must be a JSON object, not null");
            }
            return value;
        } catch (IOException e) {
            // A record's own validation runs inside Jackson; its typed exception names the field, so it is the answer.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof LearnloopException le) {
                    throw le;
                }
            }
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw RestFailure.invalid("body", "is not valid JSON for this operation: " + firstLine(why));
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
