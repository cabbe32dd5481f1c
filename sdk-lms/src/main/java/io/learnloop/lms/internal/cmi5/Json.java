package io.learnloop.lms.internal.cmi5;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.learnloop.lms.Cmi5Exception;
import io.learnloop.lms.Cmi5Exception.Problem;

import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out of the learning record store: statements and documents are parsed into maps and lists (the same
 * library reads the LTI messages), written back compactly.
 *
 * <p>Thread-safe: static functions only.
 */
final class Json {
    private Json() {
    }

    static Map<String, Object> object(String text, String what) {
        try {
            return JSONObjectUtils.parse(text);
        } catch (ParseException e) {
            throw new Cmi5Exception(Problem.INVALID_REQUEST, what + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    /** A JSON object or an array of them. */
    static List<Object> objects(String text, String what) {
        String t = text.stripLeading();
        if (t.startsWith("[")) {
            try {
                return JSONArrayUtils.parse(t);
            } catch (ParseException e) {
                throw new Cmi5Exception(Problem.INVALID_REQUEST, what + " is not a JSON array: " + e.getMessage(), e);
            }
        }
        return List.of(object(text, what));
    }

    static String write(Map<String, ?> value) {
        return JSONObjectUtils.toJSONString(value);
    }

    static String write(List<?> value) {
        return JSONArrayUtils.toJSONString(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : null;
    }

    static String string(Object value) {
        return value instanceof String s ? s : null;
    }

    /** The value at a path of object keys, or null. */
    static Object at(Map<String, Object> root, String... path) {
        Object current = root;
        for (String key : path) {
            Map<String, Object> m = map(current);
            if (m == null) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }
}
