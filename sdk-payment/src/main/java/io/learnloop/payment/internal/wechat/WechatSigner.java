package io.learnloop.payment.internal.wechat;

import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.RequestSigner;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * WeChat Pay APIv3 request signing ({@code WECHATPAY2-SHA256-RSA2048}) over the method, the path and query as sent,
 * a timestamp, a nonce and the body. Applied to every attempt: WeChat Pay refuses a timestamp more than five minutes
 * off, so a retry after a long wait must not reuse the first signature.
 *
 * <p>Thread-safe: immutable; the clock and the nonce source are.
 */
public final class WechatSigner implements RequestSigner {
    private final String mchId;
    private final String serialNumber;
    private final PrivateKey privateKey;
    private final Clock clock;
    private final Supplier<String> nonces;

    /**
     * Creates the signer.
     *
     * @param mchId        the merchant id
     * @param serialNumber the merchant certificate's serial number
     * @param privateKey   the merchant API private key
     * @param clock        the clock for the timestamp
     * @param nonces       a source of fresh nonces
     */
    public WechatSigner(String mchId, String serialNumber, PrivateKey privateKey, Clock clock, Supplier<String> nonces) {
        this.mchId = mchId;
        this.serialNumber = serialNumber;
        this.privateKey = privateKey;
        this.clock = clock;
        this.nonces = nonces;
    }

    @Override
    public HttpRequest sign(HttpRequest request) {
        byte[] body = request.body();
        String payload = "GET".equals(request.method()) || body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return request.withHeader("Authorization", WechatSignatures.authorization(mchId, serialNumber, privateKey,
                request.method(), request.pathAndQuery(), clock.instant().getEpochSecond(), nonces.get(), payload));
    }

    @Override
    public String toString() {
        return "WechatSigner[mchId=" + mchId + ", serialNumber=" + serialNumber + ", privateKey=(redacted)]";
    }
}
