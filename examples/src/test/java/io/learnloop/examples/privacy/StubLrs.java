package io.learnloop.examples.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A learning record store that takes every statement: POST of one statement or an array answers 200 with the ids in
 * order, PUT answers 204, each with the xAPI version header. It keeps what it was sent, so a test can see what left
 * the platform about a learner.
 */
final class StubLrs implements ResponseDefinitionTransformerV2 {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WireMockServer server;
    private final List<JsonNode> received = new ArrayList<>();

    StubLrs() {
        server = new WireMockServer(options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(urlPathEqualTo("/xapi/statements")).willReturn(aResponse().withStatus(500)));
    }

    String baseUrl() {
        return server.baseUrl() + "/xapi/";
    }

    synchronized List<JsonNode> received() {
        return List.copyOf(received);
    }

    void shutdown() {
        server.stop();
    }

    @Override
    public String getName() {
        return "stub-lrs";
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        String method = event.getRequest().getMethod().value();
        try {
            JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
            List<JsonNode> statements = new ArrayList<>();
            if (body != null && body.isArray()) {
                body.forEach(statements::add);
            } else if (body != null) {
                statements.add(body);
            }
            received.addAll(statements);
            if (method.equals("PUT")) {
                return ResponseDefinition.noContent();
            }
            ArrayNode ids = JSON.createArrayNode();
            statements.forEach(s -> ids.add(s.path("id").asText()));
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withHeader("X-Experience-API-Version", "1.0.3").withBody(ids.toString()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
