package io.learnloop.payment.internal.wechat;

import io.learnloop.payment.wechat.TradeBillException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradeBillFileTest {

    @Test
    void gunzip_whenContentFitsTheCap_returnsItWhole() {
        byte[] content = new byte[4096];
        assertThat(TradeBillFile.gunzip(gzip(content), 4096)).isEqualTo(content);
    }

    @Test
    void gunzip_whenContentExpandsBeyondTheCap_isMalformed() {
        byte[] content = new byte[4097];
        assertThatThrownBy(() -> TradeBillFile.gunzip(gzip(content), 4096))
                .isInstanceOfSatisfying(TradeBillException.class,
                        e -> assertThat(e.problem()).isEqualTo(TradeBillException.Problem.MALFORMED))
                .hasMessageContaining("more than 4096 bytes");
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
