package io.learnloop.lms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.RSAKey;
import io.learnloop.core.Learnloop;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import io.learnloop.http.RetryPolicy;
import io.learnloop.http.SharedHttpClient;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** One Learnloop facade with an LTI tool, a platform registered with it, and a clock the test moves. */
final class LtiFixture {
    static final String REDIRECT_URI = "https://tool.example.com/lti/launch";
    static final Instant START = Instant.parse("2026-12-07T09:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final Store store;
    final Learnloop learnloop;
    final LtiTool tool;
    final FakePlatform platform;
    // Generated once: 2048-bit keys take a while, and no test changes them.
    private static final RSAKey PLATFORM_KEY = FakePlatform.newKey("platform-key-1");
    private static final KeyPair TOOL_KEY_PAIR = keyPair();

    final RSAKey platformKey = PLATFORM_KEY;
    final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicReference<EventListener> ltiListener = new AtomicReference<>();
    final ToolKeys toolKeys;
    final List<Duration> sleeps = new ArrayList<>();

    LtiFixture(WireMockServer wm) {
        this(wm, Stores.inMemory());
    }

    LtiFixture(WireMockServer wm, Store store) {
        this.store = store;
        this.platform = new FakePlatform(wm);
        Learnloop.Builder builder = Learnloop.builder().store(store).clock(clock)
                .personalDataEraser(LtiTools.personalDataEraser()).listener(event -> {
            events.add(event);
            EventListener lti = ltiListener.get();
            if (lti != null) {
                lti.onEvent(event);
            }
        });
        LtiTools.personalDataSources().forEach(builder::personalDataSource);
        this.learnloop = builder.build();
        this.toolKeys = ToolKeys.of(SigningKey.of("tool-key-1", TOOL_KEY_PAIR));
        SharedHttpClient http = SharedHttpClient.builder().sleeper(sleeps::add)
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(2)).build();
        this.tool = LtiTools.tool(learnloop, LtiToolConfig.builder(http, REDIRECT_URI, toolKeys).build());
        ltiListener.set(tool.outboxListener());
        tool.registerPlatform(Staff.ADMIN, platform.registration());
        tool.registerDeployment(Staff.ADMIN, FakePlatform.ISSUER, FakePlatform.CLIENT_ID, FakePlatform.DEPLOYMENT_ID);
        platform.serveJwks(platformKey);
    }

    static KeyPair keyPair() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a login as the platform would and returns the redirect. */
    LoginRedirect login() {
        return tool.initiateLogin(new LoginInitiation(FakePlatform.ISSUER, "hint-42", REDIRECT_URI, "msg-hint",
                FakePlatform.CLIENT_ID, FakePlatform.DEPLOYMENT_ID));
    }

    static String nonce(LoginRedirect redirect) {
        return FakePlatform.query(redirect.url()).get("nonce");
    }

    /** A valid resource link token for a login, for a course. */
    String token(LoginRedirect redirect, String subject, String course) {
        return FakePlatform.sign(platformKey, FakePlatform.resourceLink(nonce(redirect), clock.instant(), subject,
                Map.of("learnloop_course", course)).build());
    }
}
