package io.learnloop.payment;

import io.learnloop.core.error.Validator;

import java.util.Set;

/**
 * Where an {@link PaymentFlow#H5} payment starts, as WeChat Pay's {@code scene_info.h5_info} states it (the fields of
 * wechatpay-java's {@code H5Info}): a mobile web site ({@code Wap}) or a page inside an iOS or Android app. WeChat Pay
 * checks it against the H5 domains and apps the merchant registered.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param type        {@code type}: {@value #IOS}, {@value #ANDROID} or {@value #WAP}
 * @param appName     {@code app_name}: the app's or site's name, 1 to 64 characters, or null
 * @param appUrl      {@code app_url}: the site's http(s) URL, at most 128 characters, or null
 * @param bundleId    {@code bundle_id}: the iOS app's bundle id, at most 128 characters; only with {@value #IOS}
 * @param packageName {@code package_name}: the Android app's package name, at most 128 characters; only with
 *                    {@value #ANDROID}
 */
public record H5Scene(String type, String appName, String appUrl, String bundleId, String packageName) {
    /** A page inside an iOS app. */
    public static final String IOS = "iOS";
    /** A page inside an Android app. */
    public static final String ANDROID = "Android";
    /** A mobile web site. */
    public static final String WAP = "Wap";

    private static final Set<String> TYPES = Set.of(IOS, ANDROID, WAP);

    /**
     * Validates, naming every bad field.
     *
     * @param type        the scene type
     * @param appName     the name, or null
     * @param appUrl      the site's URL, or null
     * @param bundleId    the iOS bundle id, or null
     * @param packageName the Android package name, or null
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public H5Scene {
        new Validator().check(type != null && TYPES.contains(type), "h5Scene.type",
                        "must be one of iOS, Android or Wap, spelt so (was '" + type + "')")
                .maxLength("h5Scene.appName", appName, 64)
                .check(appName == null || !appName.isBlank(), "h5Scene.appName", "must not be blank")
                .maxLength("h5Scene.appUrl", appUrl, 128)
                .check(appUrl == null || appUrl.startsWith("https://") || appUrl.startsWith("http://"),
                        "h5Scene.appUrl", "must be an http(s) URL")
                .maxLength("h5Scene.bundleId", bundleId, 128)
                .check(bundleId == null || (IOS.equals(type) && !bundleId.isBlank()), "h5Scene.bundleId",
                        "is the iOS app's bundle id: give it only with type iOS")
                .maxLength("h5Scene.packageName", packageName, 128)
                .check(packageName == null || (ANDROID.equals(type) && !packageName.isBlank()),
                        "h5Scene.packageName", "is the Android app's package name: give it only with type Android")
                .throwIfInvalid();
    }

    /**
     * A mobile web site.
     *
     * @param appName the site's name, or null
     * @param appUrl  the site's http(s) URL, or null
     * @return the scene
     */
    public static H5Scene wap(String appName, String appUrl) {
        return new H5Scene(WAP, appName, appUrl, null, null);
    }

    /**
     * A page inside an iOS app.
     *
     * @param appName  the app's name, or null
     * @param bundleId the app's bundle id, or null
     * @return the scene
     */
    public static H5Scene ios(String appName, String bundleId) {
        return new H5Scene(IOS, appName, null, bundleId, null);
    }

    /**
     * A page inside an Android app.
     *
     * @param appName     the app's name, or null
     * @param packageName the app's package name, or null
     * @return the scene
     */
    public static H5Scene android(String appName, String packageName) {
        return new H5Scene(ANDROID, appName, null, null, packageName);
    }
}
