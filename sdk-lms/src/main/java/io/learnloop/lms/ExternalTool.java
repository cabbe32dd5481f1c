package io.learnloop.lms;

import io.learnloop.core.error.Validator;

import java.util.List;

/**
 * An external LTI 1.3 tool registered with Learnloop acting as the platform: the client id Learnloop gave it and the
 * tool's endpoints, as the tool's documentation lists them. Deployments are registered separately
 * ({@link LtiPlatform#registerDeployment}).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param clientId       the client id Learnloop assigned to the tool: the {@code aud} of the id_tokens it receives and
 *                       the {@code iss} of what it signs (1 to 255 characters)
 * @param name           a name for people (administration screens, logs)
 * @param loginUrl       the tool's OIDC login initiation URL, where launches start
 * @param targetLinkUri  the tool's default launch URL, used when a launch names none
 * @param redirectUris   every redirect URI the tool may ask id_tokens to be posted to (exact matches only)
 * @param jwksUrl        the tool's JWKS URL, whose keys sign its client assertions and Deep Linking responses
 * @param deepLinkingUrl the tool's Deep Linking launch URL, or null when it offers no content selection
 * @param scopes         the Assignment and Grade Services scopes the tool may be granted (copied); see
 *                       {@link LtiPlatform#SCOPE_LINE_ITEM} and its siblings
 */
public record ExternalTool(String clientId, String name, String loginUrl, String targetLinkUri,
                           List<String> redirectUris, String jwksUrl, String deepLinkingUrl, List<String> scopes) {
    /**
     * Validates every field at once and copies the lists.
     *
     * @param clientId       the client id
     * @param name           the name
     * @param loginUrl       the login initiation URL
     * @param targetLinkUri  the default launch URL
     * @param redirectUris   the redirect URIs
     * @param jwksUrl        the JWKS URL
     * @param deepLinkingUrl the Deep Linking URL, or null
     * @param scopes         the grantable scopes
     * @throws io.learnloop.core.error.ValidationException naming each missing, over-long or non-http(s) field, and
     *                                                    each scope that is not an AGS scope
     */
    public ExternalTool {
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        Validator v = new Validator()
                .notBlank("clientId", clientId, PlatformRegistration.MAX_LENGTH)
                .notBlank("name", name, PlatformRegistration.MAX_LENGTH)
                .check(PlatformRegistration.httpUrl(loginUrl), "loginUrl", "must be an absolute http(s) URL")
                .check(PlatformRegistration.httpUrl(targetLinkUri), "targetLinkUri", "must be an absolute http(s) URL")
                .check(PlatformRegistration.httpUrl(jwksUrl), "jwksUrl", "must be an absolute http(s) URL")
                .check(deepLinkingUrl == null || PlatformRegistration.httpUrl(deepLinkingUrl), "deepLinkingUrl",
                        "must be an absolute http(s) URL, or null")
                .check(!redirectUris.isEmpty(), "redirectUris", "must hold at least one redirect URI")
                .check(redirectUris.stream().allMatch(PlatformRegistration::httpUrl), "redirectUris",
                        "must all be absolute http(s) URLs")
                .check(LtiPlatform.AGS_SCOPES.containsAll(scopes), "scopes",
                        "must be Assignment and Grade Services scopes: " + LtiPlatform.AGS_SCOPES);
        v.throwIfInvalid();
    }
}
