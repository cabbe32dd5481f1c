package io.learnloop.payment.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The provider's API as a WireMock stub on a free port, shared by the tests of one class: started before the first
 * test, emptied (stubs, scenarios and the request journal) before each test, stopped after the last. Register it
 * with {@code @RegisterExtension static final StubServer server = new StubServer();}.
 */
public final class StubServer extends WireMockServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** A stub server on a dynamic port; not started until the test class starts. */
    public StubServer() {
        super(options().dynamicPort());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        resetAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }
}
