package io.learnloop.payment.apple;

/**
 * The App Store environment whose signed data is accepted: each {@link AppleInAppPurchases} accepts one, and rejects
 * notifications and transactions of the other ({@link AppleRejection#WRONG_ENVIRONMENT}). Run one instance per
 * environment with its own endpoint.
 *
 * <p>Thread-safe: an enum.
 */
public enum AppleEnvironment {
    /** The sandbox: TestFlight and development purchases. */
    SANDBOX("Sandbox", "https://api.storekit-sandbox.itunes.apple.com"),
    /** Real purchases. */
    PRODUCTION("Production", "https://api.storekit.itunes.apple.com");

    private final String wireName;
    private final String apiBaseUrl;

    AppleEnvironment(String wireName, String apiBaseUrl) {
        this.wireName = wireName;
        this.apiBaseUrl = apiBaseUrl;
    }

    /**
     * The value of the {@code environment} field in Apple's signed data.
     *
     * @return {@code Sandbox} or {@code Production}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The base URL of the App Store Server API for this environment.
     *
     * @return the URL, without a trailing slash
     */
    public String apiBaseUrl() {
        return apiBaseUrl;
    }
}
