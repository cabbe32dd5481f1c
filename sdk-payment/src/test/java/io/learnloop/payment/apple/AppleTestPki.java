package io.learnloop.payment.apple;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real test PKI in the shape of Apple's: an EC P-256 root (standing in for Apple Root CA - G3), an intermediate
 * with Apple's WWDR extension {@code 1.2.840.113635.100.6.2.1}, and a leaf with the App Store receipt-signer
 * extension {@code 1.2.840.113635.100.6.11.1}, both non-critical as in Apple's certificates. Certificates are valid
 * 2025-01-01 to 2030-01-01 unless a test asks otherwise. Built with BouncyCastle (the JDK has no public
 * certificate-signing API).
 */
final class AppleTestPki {
    static final String WWDR_OID = "1.2.840.113635.100.6.2.1";
    static final String RECEIPT_SIGNER_OID = "1.2.840.113635.100.6.11.1";
    static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2030-01-01T00:00:00Z");
    private static final AtomicLong SERIALS = new AtomicLong(1000);

    /** A certificate and its key pair. */
    record Issued(X509Certificate cert, KeyPair keys) {
    }

    /** A chain as it goes into {@code x5c}: leaf, intermediate, root. */
    record Chain(Issued leaf, Issued intermediate, Issued root) {
        List<X509Certificate> certs() {
            return List.of(leaf.cert(), intermediate.cert(), root.cert());
        }
    }

    final Issued root = selfSigned("CN=Learnloop Test Apple Root CA - G3,O=Learnloop Test,C=US");
    final Issued intermediate = issue(root, "CN=Learnloop Test WWDR G6,O=Learnloop Test,C=US", true, WWDR_OID,
            NOT_BEFORE, NOT_AFTER);
    final Issued leaf = issue(intermediate, "CN=Learnloop Test Mac App Store Receipt Signing,O=Learnloop Test,C=US",
            false, RECEIPT_SIGNER_OID, NOT_BEFORE, NOT_AFTER);

    /** The good chain. */
    Chain chain() {
        return new Chain(leaf, intermediate, root);
    }

    static KeyPair ecKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static Issued selfSigned(String dn) {
        KeyPair keys = ecKeys();
        return new Issued(build(new X500Name(dn), keys, dn, keys, true, null, NOT_BEFORE,
                Instant.parse("2045-01-01T00:00:00Z")), keys);
    }

    static Issued issue(Issued issuer, String dn, boolean ca, String appleOid, Instant from, Instant to) {
        KeyPair keys = ecKeys();
        return new Issued(build(X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded()),
                issuer.keys(), dn, keys, ca, appleOid, from, to), keys);
    }

    private static X509Certificate build(X500Name issuerDn, KeyPair issuerKeys, String dn, KeyPair keys, boolean ca,
                                         String appleOid, Instant from, Instant to) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerDn,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(from), Date.from(to), new X500Name(dn),
                    keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature));
            if (appleOid != null) {
                b.addExtension(new ASN1ObjectIdentifier(appleOid), false, DERNull.INSTANCE);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
