package io.learnloop.payment.internal.wechat;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WechatSerialsTest {

    @Test
    void canonical_whenHexSpelledDifferently_givesOneSpelling() {
        String fromCertificate = WechatSerials.canonical(new BigInteger("0ABC0123", 16));
        assertThat(fromCertificate).isEqualTo("ABC0123");
        assertThat(WechatSerials.canonical("000000000000000000000000000000000ABC0123")).isEqualTo(fromCertificate);
        assertThat(WechatSerials.canonical("0abc0123")).isEqualTo(fromCertificate);
        assertThat(WechatSerials.canonical("5157F09EFDC096DE15EBE81A47057A7232F1B8E1"))
                .isEqualTo("5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
    }

    @Test
    void canonical_whenNotHex_keepsTheIdAsItIs() {
        assertThat(WechatSerials.canonical("PUB_KEY_ID_0114232134912410000000000000"))
                .isEqualTo("PUB_KEY_ID_0114232134912410000000000000");
        assertThat(WechatSerials.canonical("")).isEmpty();
        assertThat(WechatSerials.canonical((String) null)).isNull();
    }
}
