package io.learnloop.payment.internal.wechat;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.payment.wechat.TradeBillException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The downloaded bill file: its response is not signed, so the bytes are accepted only when their digest equals
 * the one announced in the signed {@code /v3/bill/tradebill} response, and only then decompressed. Stateless.
 */
public final class TradeBillFile {
    /**
     * The most a GZIP bill may expand to. A day's bill of a large merchant is tens of megabytes; the cap keeps a
     * corrupt or hostile stream from exhausting the heap before the parser sees it.
     */
    static final int MAX_CONTENT_BYTES = 512 * 1024 * 1024;

    private TradeBillFile() {
    }

    /**
     * Checks the digest of the bytes as downloaded and decompresses them when they were requested as GZIP.
     *
     * @param downloaded the bytes as received
     * @param hashType   the announced {@code hash_type}; only {@code SHA1} exists
     * @param hashValue  the announced {@code hash_value}, hex
     * @param gzip       whether {@code tar_type=GZIP} was requested
     * @return the bill text's bytes
     * @throws TradeBillException on a digest mismatch, an unknown hash type or a broken GZIP stream
     */
    public static byte[] verifiedContent(byte[] downloaded, String hashType, String hashValue, boolean gzip) {
        if (!"SHA1".equalsIgnoreCase(hashType) || hashValue == null || !hashValue.matches("[0-9A-Fa-f]{40}")) {
            throw new TradeBillException(TradeBillException.Problem.MALFORMED, "The trade bill announcement has hash_type '"
                    + hashType + "' and hash_value '" + hashValue + "'; expected SHA1 and 40 hex digits", null);
        }
        String actual = HexFormat.of().formatHex(sha1(downloaded));
        if (!MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
                hashValue.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw new TradeBillException(TradeBillException.Problem.DIGEST_MISMATCH, "The downloaded trade bill ("
                    + downloaded.length + " bytes) has SHA1 " + actual + " but WeChat Pay announced " + hashValue
                    + "; the file was altered or cut short in transit and is refused; download it again", null);
        }
        if (!gzip) {
            return downloaded;
        }
        return gunzip(downloaded, MAX_CONTENT_BYTES);
    }

    static byte[] gunzip(byte[] downloaded, int maxBytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(downloaded))) {
            byte[] content = in.readNBytes(maxBytes);
            if (in.read() != -1) {
                throw new TradeBillException(TradeBillException.Problem.MALFORMED, "The GZIP trade bill expands to more than "
                        + maxBytes + " bytes and is refused; download the bill per bill_type (SUCCESS, REFUND) to get smaller files",
                        null);
            }
            return content;
        } catch (IOException e) {
            throw new TradeBillException(TradeBillException.Problem.MALFORMED,
                    "The trade bill was requested as GZIP but is not a valid GZIP stream (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "SHA-1 is not available in this JVM", e);
        }
    }
}
