package io.learnloop.lms;

import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Deep Linking responses as a tool signs them (LTI Deep Linking 2.0, section 4.2). */
final class DeepLinks {
    private DeepLinks() {
    }

    static JWTClaimsSet.Builder response(PlatformFixture f, String data, String nonce) {
        Instant now = f.clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(PlatformFixture.CLIENT_ID)
                .audience(PlatformFixture.ISSUER)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", nonce)
                .claim("https://purl.imsglobal.org/spec/lti/claim/message_type", "LtiDeepLinkingResponse")
                .claim("https://purl.imsglobal.org/spec/lti/claim/version", "1.3.0")
                .claim("https://purl.imsglobal.org/spec/lti/claim/deployment_id", PlatformFixture.DEPLOYMENT_ID)
                .claim("https://purl.imsglobal.org/spec/lti-dl/claim/data", data)
                .claim("https://purl.imsglobal.org/spec/lti-dl/claim/msg", "Two experiments placed")
                .claim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items", List.of(
                        Map.of("type", "ltiResourceLink", "title", "Titration", "url", PlatformFixture.TOOL_REDIRECT,
                                "custom", Map.of("experiment", "titration"),
                                "lineItem", Map.of("scoreMaximum", 50, "label", "Titration score")),
                        Map.of("type", "ltiResourceLink", "title", "Safety briefing")));
    }
}
