package io.learnloop.payment.internal.alipay;

import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.RequestSigner;

import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alipay OpenAPI RSA2 signing: every parameter of the request, the protocol ones in the query and
 * {@code biz_content} in the form body alike, is signed (sorted, raw values, {@code SHA256withRSA}) and the signature
 * travels as the {@code sign} query parameter, as the Alipay SDK sends it.
 *
 * <p>Thread-safe: immutable.
 */
public final class AlipaySigner implements RequestSigner {
    private final PrivateKey appPrivateKey;

    /**
     * Creates the signer.
     *
     * @param appPrivateKey the application's private key
     */
    public AlipaySigner(PrivateKey appPrivateKey) {
        this.appPrivateKey = appPrivateKey;
    }

    @Override
    public HttpRequest sign(HttpRequest request) {
        Map<String, String> params = new LinkedHashMap<>(request.queryParameters());
        params.putAll(request.form());
        params.remove("sign");
        return request.withQueryParameter("sign", AlipaySignatures.sign(params, appPrivateKey));
    }

    @Override
    public String toString() {
        return "AlipaySigner[appPrivateKey=(redacted)]";
    }
}
