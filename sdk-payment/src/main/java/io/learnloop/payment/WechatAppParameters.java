package io.learnloop.payment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the host's mobile app passes to the WeChat Open SDK's {@code PayReq} (Android and iOS) to
 * pay. {@code sign} is the merchant's SHA256withRSA signature, Base64, over {@code appid\ntimestamp\nnoncestr\nprepayid\n}.
 *
 * <p>Thread-safe: immutable record. {@code sign} is left out of {@link #toString()}.
 *
 * @param appId        the mobile application's appid ({@code appid})
 * @param partnerId    the merchant id, {@code mchid} ({@code partnerid})
 * @param prepayId     the prepay id ({@code prepayid})
 * @param packageValue always {@code Sign=WXPay} ({@code package})
 * @param nonceStr     the random string that was signed ({@code noncestr})
 * @param timestamp    the signing time, Unix seconds as text ({@code timestamp})
 * @param sign         the signature ({@code sign})
 */
public record WechatAppParameters(String appId, String partnerId, String prepayId, String packageValue,
                                  String nonceStr, String timestamp, String sign) implements ClientParameters {
    /**
     * The parameters under the names of the WeChat Pay APP API, in its order.
     *
     * @return {@code appid, partnerid, prepayid, package, noncestr, timestamp, sign}
     */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("appid", appId);
        m.put("partnerid", partnerId);
        m.put("prepayid", prepayId);
        m.put("package", packageValue);
        m.put("noncestr", nonceStr);
        m.put("timestamp", timestamp);
        m.put("sign", sign);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return "WechatAppParameters[appId=" + appId + ", partnerId=" + partnerId + ", prepayId=" + prepayId
                + ", timestamp=" + timestamp + ", sign=(redacted)]";
    }
}
