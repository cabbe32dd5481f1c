package io.learnloop.payment.alipay;

import com.alipay.api.internal.util.AlipaySignature;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.money.Money;
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The synchronous result of an Alipay app payment, verified by us and by alipay-sdk-java's
 * {@code AlipaySignature.rsaCheck} (content, sign, Alipay's public key, charset, RSA2) on the same text.
 */
class AlipayAppPayResultTest {
    private static final String APP_ID = AlipayProviderTest.APP_ID;
    private static final KeyPair ALIPAY = AlipayProviderTest.ALIPAY_NEW;

    private final AlipayProvider alipay = new AlipayProvider(AlipayConfig.builder(APP_ID)
            .appPrivateKey(AlipayProviderTest.APP.getPrivate()).alipayPublicKey(ALIPAY.getPublic()).build());

    private static String inner(String appId, String amount) {
        return "{\"code\":\"10000\",\"msg\":\"Success\",\"app_id\":\"" + appId + "\",\"auth_app_id\":\"" + appId
                + "\",\"charset\":\"utf-8\",\"timestamp\":\"2026-03-01 18:00:05\",\"out_trade_no\":\"order-app-1\","
                + "\"total_amount\":\"" + amount + "\",\"trade_no\":\"2026030122001446870500000009\","
                + "\"seller_id\":\"2088101117955611\"}";
    }

    private static String result(String inner, String sign) {
        return "{\"alipay_trade_app_pay_response\":" + inner + ",\"sign\":\"" + sign + "\",\"sign_type\":\"RSA2\"}";
    }

    private static String signed(String inner, KeyPair key) {
        return TestKeys.sign(key.getPrivate(), inner.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean officialAccepts(String inner, String sign) throws Exception {
        return AlipaySignature.rsaCheck(inner, sign,
                AlipayOfficialSdkAgreementTest.base64(ALIPAY.getPublic().getEncoded()), "utf-8", "RSA2");
    }

    @Test
    void verifyAppPayResult_whenSignedByAlipay_returnsItsFieldsAsTheOfficialSdkAcceptsIt() throws Exception {
        String inner = inner(APP_ID, "9.90");
        String sign = signed(inner, ALIPAY);

        AlipayAppPayResult r = alipay.verifyAppPayResult(result(inner, sign));

        assertThat(officialAccepts(inner, sign)).isTrue();
        assertThat(r.outTradeNo()).isEqualTo("order-app-1");
        assertThat(r.tradeNo()).isEqualTo("2026030122001446870500000009");
        assertThat(r.totalAmount()).isEqualTo(Money.parse("9.90", "CNY"));
        assertThat(r.sellerId()).isEqualTo("2088101117955611");
    }

    @Test
    void verifyAppPayResult_whenChangedOrSignedByAnotherKey_refusesItAsTheOfficialSdkDoes() throws Exception {
        String inner = inner(APP_ID, "9.90");
        String sign = signed(inner, ALIPAY);
        String changed = inner(APP_ID, "0.01");
        String forged = signed(inner, TestKeys.rsa2048());

        assertThat(officialAccepts(changed, sign)).isFalse();
        assertThatThrownBy(() -> alipay.verifyAppPayResult(result(changed, sign)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("does not verify");
        assertThat(officialAccepts(inner, forged)).isFalse();
        assertThatThrownBy(() -> alipay.verifyAppPayResult(result(inner, forged)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("does not verify");
    }

    @Test
    void verifyAppPayResult_whenAnotherAppsOrMalformed_refusesIt() {
        String other = inner("2021000999999999", "9.90");

        assertThatThrownBy(() -> alipay.verifyAppPayResult(result(other, signed(other, ALIPAY))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("2021000999999999");
        assertThatThrownBy(() -> alipay.verifyAppPayResult("resultStatus=9000"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> alipay.verifyAppPayResult(null)).isInstanceOf(ValidationException.class);
    }
}
