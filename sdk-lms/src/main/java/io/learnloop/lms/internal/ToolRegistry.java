package io.learnloop.lms.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.ExternalTool;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import io.learnloop.lms.internal.PlatformRows.ToolDeploymentRow;
import io.learnloop.lms.internal.PlatformRows.ToolRow;

import java.util.Objects;
import java.util.Optional;

/**
 * The external tools and deployments registered with the platform, in the core store.
 *
 * <p>Thread-safe: immutable.
 */
final class ToolRegistry {
    private final ServiceContext context;

    ToolRegistry(ServiceContext context) {
        this.context = context;
    }

    ExternalTool register(Actor admin, ExternalTool tool) {
        admin.require(Role.ADMIN, "register an LTI tool");
        Objects.requireNonNull(tool, "tool");
        String id = Keys.of(tool.clientId());
        return context.transactRetrying(uow -> {
            Optional<Versioned<ToolRow>> existing = uow.find(PlatformTypes.TOOL, id);
            if (existing.isEmpty()) {
                uow.insert(PlatformTypes.TOOL, new ToolRow(id, tool));
            } else if (!existing.get().value().tool().equals(tool)) {
                uow.update(PlatformTypes.TOOL, new ToolRow(id, tool), existing.get().version());
            }
            return tool;
        });
    }

    void registerDeployment(Actor admin, String clientId, String deploymentId) {
        admin.require(Role.ADMIN, "register an LTI tool deployment");
        if (deploymentId == null || deploymentId.isBlank() || deploymentId.length() > 255) {
            throw ValidationException.of("deploymentId", "must be 1 to 255 characters");
        }
        require(clientId);
        String id = Keys.of(clientId, deploymentId);
        context.transactRetrying(uow -> {
            if (uow.find(PlatformTypes.DEPLOYMENT, id).isEmpty()) {
                uow.insert(PlatformTypes.DEPLOYMENT, new ToolDeploymentRow(id, clientId, deploymentId, context.now()));
            }
            return null;
        });
    }

    Optional<ExternalTool> find(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            return Optional.empty();
        }
        return context.read(uow -> uow.find(PlatformTypes.TOOL, Keys.of(clientId))).map(v -> v.value().tool());
    }

    ExternalTool require(String clientId) {
        return find(clientId).orElseThrow(() -> new LtiException(Problem.UNKNOWN_CLIENT, "No LTI tool is registered "
                + "with client id '" + clientId + "'; register it with LtiPlatform.registerTool, or refuse it."));
    }

    void requireDeployment(String clientId, String deploymentId) {
        boolean known = deploymentId != null && context.read(uow -> uow.find(PlatformTypes.DEPLOYMENT,
                Keys.of(clientId, deploymentId))).isPresent();
        if (!known) {
            throw new LtiException(Problem.UNKNOWN_DEPLOYMENT, "Deployment '" + deploymentId + "' is not registered "
                    + "for the LTI tool '" + clientId + "'; register it with LtiPlatform.registerDeployment.");
        }
    }
}
