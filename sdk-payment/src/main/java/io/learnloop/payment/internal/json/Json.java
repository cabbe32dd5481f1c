package io.learnloop.payment.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import java.io.IOException;

/**
 * Reads provider JSON as trees. Provider payloads are read field by field so unknown fields never break parsing.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /**
     * Parses JSON bytes.
     *
     * @param bytes the bytes
     * @return the tree, or null if the bytes are not JSON
     */
    public static JsonNode parse(byte[] bytes) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            return n == null || n.isMissingNode() ? null : n;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A new empty object.
     *
     * @return the object
     */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Writes a tree as compact JSON.
     *
     * @param node the tree
     * @return the text
     */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "Could not write JSON", e);
        }
    }

    /**
     * The text at a path of field names, or null when absent or JSON null.
     *
     * @param node the root
     * @param path field names
     * @return the text or null
     */
    public static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null) {
                return null;
            }
            n = n.get(p);
        }
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    /**
     * The integer at a path, or null.
     *
     * @param node the root
     * @param path field names
     * @return the number or null
     */
    public static Long number(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null) {
                return null;
            }
            n = n.get(p);
        }
        return n == null || !n.canConvertToLong() || !n.isIntegralNumber() ? null : n.asLong();
    }
}
