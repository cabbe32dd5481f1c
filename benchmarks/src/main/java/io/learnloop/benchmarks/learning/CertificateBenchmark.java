package io.learnloop.benchmarks.learning;

import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.CertificateVerifier;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningAlgorithm;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.credential.VerificationResult;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.credential.OpenBadgeClaims;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * Certificate issue (building the Open Badges 3.0 credential and signing it as VC-JWT) and offline verification
 * (parse, signature, issuer, shape, validity window), per signing algorithm.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CertificateBenchmark {
    @Param({"ES256", "EdDSA", "RS256"})
    public String algorithm;

    private SigningKey key;
    private CertificatePolicy policy;
    private io.learnloop.core.learning.CourseFacts course;
    private CertificateVerifier verifier;
    private String jwt;
    private long n;

    @Setup
    public void setUp() throws GeneralSecurityException {
        KeyPair pair = switch (SigningAlgorithm.valueOf(algorithm)) {
            case ES256 -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                yield g.generateKeyPair();
            }
            case EdDSA -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            case RS256 -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                yield g.generateKeyPair();
            }
        };
        key = SigningKey.of("bench-key", pair);
        policy = CertificatePolicy.defaults(new IssuerProfile("https://school.example", "Example School"));
        course = new BenchCatalog(1, java.time.Duration.ofMinutes(1)).course(BenchCatalog.COURSE).orElseThrow();
        verifier = CertificateVerifier.builder().issuer("https://school.example").key("bench-key", pair.getPublic())
                .clock(Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
        jwt = issue();
        if (!verifier.verify(jwt).valid()) {
            throw new IllegalStateException("the benchmark's certificate does not verify: " + verifier.verify(jwt).message());
        }
    }

    @Benchmark
    public String issue() {
        String id = "urn:uuid:00000000-0000-4000-8000-" + String.format("%012d", n++ % 1_000_000_000_000L);
        return key.signJwt(OpenBadgeClaims.claims(policy, id, UserId.of("learner-1"), course,
                "Completed every required lesson.", Instant.parse("2026-06-01T00:00:00Z"), null));
    }

    @Benchmark
    public VerificationResult verify() {
        return verifier.verify(jwt);
    }
}
