package io.learnloop.rest.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.VerificationResult;
import io.learnloop.core.error.ValidationException;
import io.learnloop.rest.Route;

import java.nio.charset.StandardCharsets;

/** Certificates: a learner's own, issuing one, and the public verification anyone may run. */
final class CredentialEndpoints {
    /** Longer than any credential the SDK signs, short enough that verifying costs little. */
    private static final int MAX_CREDENTIAL = 16 * 1024;

    private final Learnloop learnloop;

    CredentialEndpoints(Learnloop learnloop) {
        this.learnloop = learnloop;
    }

    void register(Router.Builder routes) {
        routes.get("/me/certificates", "listMyCertificates", Route.Access.SIGNED_IN,
                        Doc.items("The caller's certificates", Certificate.class), this::mine)
                .post("/courses/{courseId}/certificate", "issueCertificate", Route.Access.SIGNED_IN,
                        Doc.one("Issues the caller's certificate of a completed course", Certificate.class).creates(),
                        this::issue)
                .post("/certificates/verification", "verifyCertificate", Route.Access.PUBLIC,
                        Doc.one("Verifies a certificate credential; anyone may ask", VerificationResult.class)
                                .reads(Views.VerifyBody.class), this::verify)
                .get("/certificates/keys", "getCertificateKeys", Route.Access.PUBLIC,
                        Doc.raw("The JWK set that verifies certificates"), this::keys);
    }

    private Reply mine(Call call) {
        return Reply.ok(new Views.Items<>(learnloop.certificates().certificatesOf(call.actor().id())));
    }

    private Reply issue(Call call) {
        Certificate c = learnloop.certificates().issue(call.actor().id(), CourseId.of(call.param("courseId")));
        return Reply.created(c, "/me/certificates");
    }

    private Reply verify(Call call) {
        Views.VerifyBody body = call.body(Views.VerifyBody.class);
        if (body.credential() == null || body.credential().isBlank()) {
            throw ValidationException.of("credential", "is required: the compact JWS of the certificate");
        }
        if (body.credential().length() > MAX_CREDENTIAL) {
            throw ValidationException.of("credential", "must be at most " + MAX_CREDENTIAL + " characters");
        }
        return Reply.ok(learnloop.certificates().verify(body.credential()));
    }

    private Reply keys(Call call) {
        return Reply.ok(new Reply.RawJson(learnloop.certificates().jwks().getBytes(StandardCharsets.UTF_8)));
    }
}
