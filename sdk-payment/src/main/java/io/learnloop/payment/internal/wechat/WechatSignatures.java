package io.learnloop.payment.internal.wechat;

import io.learnloop.payment.internal.crypto.Crypto;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * WECHATPAY2-SHA256-RSA2048 messages: requests sign {@code METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n}; responses
 * and notifications are verified over {@code TIMESTAMP\nNONCE\nBODY\n}; JSAPI pages sign
 * {@code appId\ntimeStamp\nnonceStr\npackage\n}; APP payments sign {@code appid\ntimestamp\nnoncestr\nprepayid\n}
 * (the order of wechatpay-java's {@code AppServiceExtension.prepayWithRequestPayment}).
 */
public final class WechatSignatures {
    /** The only signature type WeChat Pay APIv3 uses. */
    public static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";

    private WechatSignatures() {
    }

    /**
     * The {@code Authorization} header for a request.
     *
     * @param mchId       the merchant id
     * @param serialNo    the merchant certificate serial
     * @param key         the merchant private key
     * @param method      the HTTP method
     * @param pathAndQuery the encoded path with {@code ?query} if any
     * @param timestamp   unix seconds
     * @param nonce       the nonce
     * @param body        the body text, empty for GET
     * @return the header value
     */
    public static String authorization(String mchId, String serialNo, PrivateKey key, String method,
                                       String pathAndQuery, long timestamp, String nonce, String body) {
        String message = method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
        String signature = Crypto.signSha256Rsa(key, message.getBytes(StandardCharsets.UTF_8));
        return SCHEMA + " mchid=\"" + mchId + "\",nonce_str=\"" + nonce + "\",timestamp=\"" + timestamp
                + "\",serial_no=\"" + serialNo + "\",signature=\"" + signature + "\"";
    }

    /**
     * Verifies a response or notification signature over the raw body bytes.
     *
     * @param key       the platform key
     * @param timestamp the {@code Wechatpay-Timestamp} text
     * @param nonce     the {@code Wechatpay-Nonce} text
     * @param body      the raw body
     * @param signature the Base64 {@code Wechatpay-Signature}
     * @return true if valid
     */
    public static boolean verify(PublicKey key, String timestamp, String nonce, byte[] body, String signature) {
        byte[] head = (timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        message[message.length - 1] = '\n';
        return Crypto.verifySha256Rsa(key, message, signature);
    }

    /**
     * The JSAPI {@code paySign}.
     *
     * @param key       the merchant private key
     * @param appId     the app id
     * @param timeStamp unix seconds as text
     * @param nonceStr  the nonce
     * @param pkg       {@code prepay_id=…}
     * @return the Base64 signature
     */
    public static String jsapiPaySign(PrivateKey key, String appId, String timeStamp, String nonceStr, String pkg) {
        String message = appId + "\n" + timeStamp + "\n" + nonceStr + "\n" + pkg + "\n";
        return Crypto.signSha256Rsa(key, message.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The APP {@code sign}.
     *
     * @param key       the merchant private key
     * @param appId     the mobile application's appid
     * @param timestamp unix seconds as text
     * @param nonceStr  the nonce
     * @param prepayId  the bare prepay id (no {@code prepay_id=} prefix)
     * @return the Base64 signature
     */
    public static String appSign(PrivateKey key, String appId, String timestamp, String nonceStr, String prepayId) {
        String message = appId + "\n" + timestamp + "\n" + nonceStr + "\n" + prepayId + "\n";
        return Crypto.signSha256Rsa(key, message.getBytes(StandardCharsets.UTF_8));
    }
}
