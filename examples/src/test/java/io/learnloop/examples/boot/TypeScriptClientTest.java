package io.learnloop.examples.boot;

import io.learnloop.core.testing.NodeProject;
import io.learnloop.rest.RestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client in another language proves the HTTP API: under Node.js, openapi-typescript generates the TypeScript types
 * of sdk-rest's OpenAPI document, tsc type-checks the learner's path ({@code src/test/node/ts-client}) and the
 * TypeScript code of {@code docs/http-api.md} against them (so a route or body that drifts from the document fails
 * here), and the path runs, with openapi-fetch, against the example application: browse, buy through the Sandbox
 * provider, learn, pass the final quiz, verify the certificate, post in the community.
 */
@ExtendWith(RunningApp.class)
class TypeScriptClientTest {
    private static final Path SOURCE = Path.of("src", "test", "node", "ts-client");
    private static final Path WORK = Path.of("target", "ts-client");
    private static final Path GUIDE = Path.of("..", "docs", "http-api.md");
    private static final Pattern TS_BLOCK = Pattern.compile("(?ms)^```ts\\n(.*?)^```$");
    private static final long TOOL_SECONDS = 300;

    @Test
    void learnerPath_whenRunByTheGeneratedClient_completesEveryStep(RunningApp.App app) throws IOException {
        NodeProject project = NodeProject.install(SOURCE, WORK);
        try (InputStream document = RestApi.class.getResourceAsStream("openapi.json")) {
            assertThat(document).as("sdk-rest's OpenAPI document on the class path").isNotNull();
            Files.copy(document, project.dir().resolve("openapi.json"));
        }
        List<String> snippets = guideSnippets();
        assertThat(snippets).as("TypeScript blocks in %s", GUIDE).isNotEmpty();
        for (int i = 0; i < snippets.size(); i++) {
            Files.writeString(project.dir().resolve("src/http-api-guide-" + (i + 1) + ".ts"), snippets.get(i));
        }

        expectSuccess(project.node(TOOL_SECONDS, "node_modules/openapi-typescript/bin/cli.js", "openapi.json",
                "--output", "src/schema.d.ts"), "openapi-typescript");
        expectSuccess(project.node(TOOL_SECONDS, "node_modules/typescript/bin/tsc", "-p", "."), "tsc");
        NodeProject.Result path = project.node(TOOL_SECONDS, "dist/learner-path.js", app.apiBase(),
                DemoSecurity.MEI, DemoSecurity.MEI_PASSWORD);

        expectSuccess(path, "the learner's path");
        assertThat(path.output()).contains("ok  the order is PAID").contains("ok  verify the certificate")
                .contains("learner path complete: mei bought, learned, passed, was certified (VALID) and posted");
    }

    private static List<String> guideSnippets() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = TS_BLOCK.matcher(Files.readString(GUIDE));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static void expectSuccess(NodeProject.Result result, String what) {
        assertThat(result.exit()).as("%s failed:%n%s", what, result.output()).isZero();
    }
}
