package io.learnloop.lms.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import io.learnloop.lms.PlatformRegistration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The platforms and deployments the host registered, in the core store.
 *
 * <p>Thread-safe: immutable.
 */
final class Platforms {
    private final ServiceContext context;

    Platforms(ServiceContext context) {
        this.context = context;
    }

    PlatformRegistration register(Actor admin, PlatformRegistration registration) {
        admin.require(Role.ADMIN, "register an LTI platform");
        Objects.requireNonNull(registration, "registration");
        String id = Keys.of(registration.issuer(), registration.clientId());
        return context.transactRetrying(uow -> {
            Optional<Versioned<PlatformRow>> existing = uow.find(LmsTypes.PLATFORM, id);
            PlatformRow row = new PlatformRow(id, registration);
            if (existing.isEmpty()) {
                uow.insert(LmsTypes.PLATFORM, row);
            } else if (!existing.get().value().registration().equals(registration)) {
                uow.update(LmsTypes.PLATFORM, row, existing.get().version());
            }
            return registration;
        });
    }

    void registerDeployment(Actor admin, String issuer, String clientId, String deploymentId) {
        admin.require(Role.ADMIN, "register an LTI deployment");
        if (deploymentId == null || deploymentId.isBlank() || deploymentId.length() > 255) {
            throw ValidationException.of("deploymentId", "must be 1 to 255 characters");
        }
        require(issuer, clientId);
        String id = Keys.of(issuer, clientId, deploymentId);
        context.transactRetrying(uow -> {
            if (uow.find(LmsTypes.DEPLOYMENT, id).isEmpty()) {
                uow.insert(LmsTypes.DEPLOYMENT, new DeploymentRow(id, issuer, clientId, deploymentId, context.now()));
            }
            return null;
        });
    }

    Optional<PlatformRegistration> find(String issuer, String clientId) {
        if (issuer == null || clientId == null) {
            return Optional.empty();
        }
        String id = Keys.of(issuer, clientId);
        return context.read(uow -> uow.find(LmsTypes.PLATFORM, id)).map(v -> v.value().registration());
    }

    List<PlatformRegistration> ofIssuer(String issuer) {
        if (issuer == null) {
            return List.of();
        }
        return context.read(uow -> uow.findBy(LmsTypes.PLATFORM, "issuer", issuer)).stream()
                .map(v -> v.value().registration()).toList();
    }

    /** The registration of an issuer and client id; with no client id, the issuer's only registration. */
    PlatformRegistration require(String issuer, String clientId) {
        if (clientId != null) {
            Optional<PlatformRegistration> found = find(issuer, clientId);
            if (found.isPresent()) {
                return found.get();
            }
        }
        List<PlatformRegistration> all = ofIssuer(issuer);
        if (all.isEmpty()) {
            throw new LtiException(Problem.UNKNOWN_ISSUER, "No LTI platform is registered with issuer '" + issuer
                    + "'; register it with LtiTool.registerPlatform, or refuse this LMS.");
        }
        if (clientId != null) {
            throw new LtiException(Problem.UNKNOWN_CLIENT, "The LTI platform '" + issuer
                    + "' is not registered with client id '" + clientId + "'; registered: "
                    + all.stream().map(PlatformRegistration::clientId).toList());
        }
        if (all.size() > 1) {
            throw new LtiException(Problem.UNKNOWN_CLIENT, "The LTI platform '" + issuer
                    + "' registered the tool " + all.size() + " times and named no client_id; ask it to send client_id.");
        }
        return all.get(0);
    }

    void requireIssuer(String issuer) {
        if (ofIssuer(issuer).isEmpty()) {
            throw new LtiException(Problem.UNKNOWN_ISSUER, "No LTI platform is registered with issuer '" + issuer
                    + "'; register it with LtiTool.registerPlatform, or refuse this LMS.");
        }
    }

    boolean hasDeployment(String issuer, String clientId, String deploymentId) {
        String id = Keys.of(issuer, clientId, deploymentId);
        return context.read(uow -> uow.find(LmsTypes.DEPLOYMENT, id)).isPresent();
    }

    void requireDeployment(String issuer, String clientId, String deploymentId) {
        if (!hasDeployment(issuer, clientId, deploymentId)) {
            throw new LtiException(Problem.UNKNOWN_DEPLOYMENT, "Deployment '" + deploymentId
                    + "' is not registered for LTI platform '" + issuer + "' and client id '" + clientId
                    + "'; register it with LtiTool.registerDeployment, or refuse it.");
        }
    }
}
