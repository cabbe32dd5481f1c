package io.learnloop.lms;

import io.learnloop.core.error.Validator;

import java.net.URI;

/**
 * A learning management system (the LTI "platform") that may launch this tool, as its administrator registered the
 * tool there: the platform's issuer, the client id it gave the tool, and the platform's endpoints. A platform may
 * register the tool more than once (one client id each); deployments are registered separately
 * ({@link LtiTool#registerDeployment}).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param issuer           the platform's issuer identifier, the {@code iss} of its id_tokens (an https URL, at most
 *                         255 characters)
 * @param clientId         the client id the platform assigned to this tool, the {@code aud} of its id_tokens
 * @param authorizationUrl the platform's OIDC authorization endpoint, where logins are redirected
 * @param tokenUrl         the platform's OAuth 2.0 token endpoint, for grade and roster services
 * @param jwksUrl          the platform's JWKS, whose keys sign its id_tokens
 */
public record PlatformRegistration(String issuer, String clientId, String authorizationUrl, String tokenUrl,
                                   String jwksUrl) {
    /** The longest issuer, client id or URL accepted. */
    public static final int MAX_LENGTH = 255;

    /**
     * Validates every field at once.
     *
     * @param issuer           the issuer
     * @param clientId         the client id
     * @param authorizationUrl the authorization endpoint
     * @param tokenUrl         the token endpoint
     * @param jwksUrl          the JWKS URL
     * @throws io.learnloop.core.error.ValidationException naming each missing, over-long or non-http(s) field
     */
    public PlatformRegistration {
        new Validator()
                .notBlank("issuer", issuer, MAX_LENGTH)
                .notBlank("clientId", clientId, MAX_LENGTH)
                .notBlank("authorizationUrl", authorizationUrl, 2048)
                .notBlank("tokenUrl", tokenUrl, 2048)
                .notBlank("jwksUrl", jwksUrl, 2048)
                .check(httpUrl(authorizationUrl), "authorizationUrl", "must be an absolute http(s) URL")
                .check(httpUrl(tokenUrl), "tokenUrl", "must be an absolute http(s) URL")
                .check(httpUrl(jwksUrl), "jwksUrl", "must be an absolute http(s) URL")
                .throwIfInvalid();
    }

    static boolean httpUrl(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
