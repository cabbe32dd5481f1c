package io.learnloop.community.internal.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.community.DiscourseConfig;
import io.learnloop.community.RemoteForbiddenException;
import io.learnloop.community.RemoteNotFoundException;
import io.learnloop.community.RemoteServerException;
import io.learnloop.community.RemoteErrorBody;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.Erasure;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.store.Versioned;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The Discourse backend's erasure step. First Discourse is asked to anonymise the learner's account: the account is
 * found by its DiscourseConnect {@code external_id} (the host id, {@code GET /u/by-external/{id}.json}) and
 * anonymised ({@code PUT /admin/users/{id}/anonymize.json}), which renames it, drops its e-mail, profile and
 * external id, and keeps its posts under the new name. Then what the core store keeps goes: the link from the derived
 * username to the host id is deleted, invitations to the learner are deleted and those by them name the pseudonym,
 * and a suspension names the pseudonym with its reason erased.
 *
 * <p>Resumable: anonymising drops the external id, so once Discourse has done it the lookup answers 404, which
 * counts as done, as it does for a learner never synced. A failed call (Discourse down, a 5xx after the shared
 * retries) fails the step with the remote exception and leaves the erasure in progress; asking for the erasure
 * again resumes here.
 *
 * <p>Thread-safe: immutable.
 */
public final class DiscourseErasure implements PersonalDataEraser {
    private static final Set<String> NONE = Set.of();

    private final DiscourseConfig config;

    /**
     * Creates the step.
     *
     * @param config the site whose account is anonymised
     */
    public DiscourseErasure(DiscourseConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String step() {
        return "discourse";
    }

    @Override
    public boolean holds(ErasureScope scope, UserId learner) {
        String id = learner.value();
        return scope.context().read(uow -> uow.find(Links.USER, Usernames.of(id)).isPresent()
                || uow.find(Links.SUSPENSION, id).isPresent()
                || !uow.findBy(Links.INVITE, Links.BY_USER, id).isEmpty());
    }

    @Override
    public void erase(Erasure e) {
        anonymiseRemotely(new DiscourseHttp(config, e.context().clock()), e.learner());
        String id = e.learner().value();
        String username = Usernames.of(id);
        e.context().transactRetrying(uow -> {
            uow.find(Links.USER, username).filter(v -> id.equals(v.value().hostId()))
                    .ifPresent(v -> uow.delete(Links.USER, username, v.version()));
            return null;
        });
        // invitations have no index by user before this version: a scan, and they are few (joining deletes them)
        e.rewriteMatching(Links.INVITE, i -> id.equals(i.username()), NONE, null);
        e.rewriteMatching(Links.INVITE, i -> id.equals(i.invitedBy()), NONE, UnaryOperator.identity());
        e.context().transactRetrying(uow -> {
            Optional<Versioned<Links.SuspensionLink>> s = uow.find(Links.SUSPENSION, id);
            return s.map(v -> e.rewrite(uow, Links.SUSPENSION, v, Set.of("reason"))).orElse(false);
        });
    }

    private void anonymiseRemotely(DiscourseHttp http, UserId learner) {
        String admin = config.apiUsername();
        JsonNode account;
        try {
            account = http.get("/u/by-external/" + DiscourseCommunity.enc(learner.value()) + ".json", admin);
        } catch (RemoteNotFoundException neverSyncedOrAnonymised) {
            return;
        }
        JsonNode discourseId = account.path("user").path("id");
        if (!discourseId.canConvertToLong()) {
            throw new RemoteServerException("Discourse answered the lookup of an account by external id without"
                    + " user.id; check the base URL and the Discourse version", true, false, 200,
                    RemoteErrorBody.EMPTY);
        }
        JsonNode answer;
        try {
            answer = http.put("/admin/users/" + discourseId.asLong() + "/anonymize.json", null, admin);
        } catch (RemoteNotFoundException deletedMeanwhile) {
            return;
        } catch (RemoteForbiddenException refused) {
            throw new RemoteForbiddenException("Discourse refused to anonymise account " + discourseId.asLong()
                    + ": it does not anonymise staff, so revoke the account's admin and moderator rights in Discourse,"
                    + " and check that the API key is an admin key for all users (" + refused.getMessage() + ")",
                    refused.httpStatus(), refused.errorBody());
        }
        if (!"OK".equals(answer.path("success").asText(null))) {
            // Discourse answers {"failed":"FAILED","user":{...}} when its anonymiser gave up
            throw new RemoteServerException("Discourse did not anonymise account " + discourseId.asLong()
                    + " (answer without success: OK); ask for the erasure again", true, false, 200,
                    RemoteErrorBody.EMPTY);
        }
    }

    @Override
    public String toString() {
        return "DiscourseErasure[" + config.baseUrl() + "]";
    }
}
