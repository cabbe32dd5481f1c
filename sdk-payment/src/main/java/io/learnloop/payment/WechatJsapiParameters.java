package io.learnloop.payment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a WeChat page passes to {@code WeixinJSBridge.invoke('getBrandWCPayRequest', …)} (official account) or to
 * {@code wx.requestPayment} (mini-program, which ignores {@code appId}), with the same names as its JSON keys.
 * {@code paySign} is the merchant's SHA256withRSA signature, Base64, over
 * {@code appId\ntimeStamp\nnonceStr\npackage\n}.
 *
 * <p>Thread-safe: immutable record. {@code paySign} is left out of {@link #toString()}.
 *
 * @param appId     the appid the payment was created with (official account or mini-program)
 * @param timeStamp the signing time, Unix seconds as text
 * @param nonceStr  the random string that was signed
 * @param packageValue {@code prepay_id=…} (the JSON key is {@code package})
 * @param signType  always {@code RSA}
 * @param paySign   the signature
 */
public record WechatJsapiParameters(String appId, String timeStamp, String nonceStr, String packageValue,
                                    String signType, String paySign) implements ClientParameters {
    /**
     * The parameters under the names the JavaScript API expects, in its order.
     *
     * @return {@code appId, timeStamp, nonceStr, package, signType, paySign}
     */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("appId", appId);
        m.put("timeStamp", timeStamp);
        m.put("nonceStr", nonceStr);
        m.put("package", packageValue);
        m.put("signType", signType);
        m.put("paySign", paySign);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return "WechatJsapiParameters[appId=" + appId + ", timeStamp=" + timeStamp + ", package=" + packageValue
                + ", signType=" + signType + ", paySign=(redacted)]";
    }
}
