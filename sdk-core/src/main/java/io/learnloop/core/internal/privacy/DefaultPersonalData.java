package io.learnloop.core.internal.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.privacy.AuditAction;
import io.learnloop.core.privacy.ErasureOutcome;
import io.learnloop.core.privacy.ExportManifest;
import io.learnloop.core.privacy.ExportedSection;
import io.learnloop.core.privacy.PersonalDataService;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.privacy.PersonalDataSource;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an export archive section by section, record by record, straight into the host's stream.
 *
 * <p>Thread-safe: immutable; each export has its own streams.
 */
public final class DefaultPersonalData implements PersonalDataService {
    private static final Pattern SECTION = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final ServiceContext ctx;
    private final List<PersonalDataSource> sources;
    private final Erasures erasures;
    private final ObjectMapper mapper = LearnloopJson.newMapper()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    /**
     * Creates the service.
     *
     * @param ctx     the service context
     * @param sources every section, in the order written
     * @param erasers every erasure step, in the order run
     * @throws LearnloopException with {@code CONFIGURATION} if a section's or a step's name is malformed or taken
     *                            twice
     */
    public DefaultPersonalData(ServiceContext ctx, List<PersonalDataSource> sources,
                               List<PersonalDataEraser> erasers) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.sources = List.copyOf(sources);
        this.erasures = new Erasures(ctx, erasers);
        Set<String> names = new HashSet<>();
        for (PersonalDataSource s : this.sources) {
            String name = s.section();
            if (name == null || !SECTION.matcher(name).matches() || name.equals("manifest") || !names.add(name)) {
                throw new LearnloopException(ErrorCode.CONFIGURATION, "Personal-data section '" + name + "' of "
                        + s.getClass().getName() + " must be unique, not 'manifest', and lower-case letters, digits"
                        + " and hyphens (at most 64).");
            }
        }
    }

    @Override
    public ExportManifest export(Actor actor, UserId learner, OutputStream out) {
        new Validator().notNull("actor", actor).notNull("learner", learner).notNull("out", out).throwIfInvalid();
        if (!actor.id().equals(learner) && !actor.has(Role.ADMIN)) {
            throw new ForbiddenException("User '" + actor.id() + "' may not export the personal data of learner '"
                    + learner + "': only the learner, or an admin (role ADMIN), may.");
        }
        erasures.checkExportable(learner);
        Instant at = ctx.now();
        List<ExportedSection> written = new ArrayList<>();
        try {
            ZipOutputStream zip = new ZipOutputStream(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            // the scope hands sources the facade's context; nothing is rewritten through it
            ScrubbingErasure scope = new ScrubbingErasure(ctx, learner, learner);
            for (PersonalDataSource source : sources) {
                String file = source.section() + ".json";
                entry(zip, file, at);
                long count = 0;
                try (JsonGenerator g = generator(zip)) {
                    g.writeStartArray();
                    for (Iterator<?> it = source.records(scope, learner); it.hasNext(); count++) {
                        mapper.writeValue(g, it.next());
                    }
                    g.writeEndArray();
                }
                zip.closeEntry();
                written.add(new ExportedSection(source.section(), file, count));
            }
            ExportManifest manifest = new ExportManifest(ExportManifest.SCHEMA_VERSION, learner, at, written);
            entry(zip, "manifest.json", at);
            try (JsonGenerator g = generator(zip)) {
                mapper.writeValue(g, manifest);
            }
            zip.closeEntry();
            zip.finish();
            zip.flush();
            ctx.transact(uow -> AuditTrail.append(ctx, uow, actor.id(), AuditAction.EXPORTED, learner,
                    written.size() + " sections", null));
            return manifest;
        } catch (IOException e) {
            throw new LearnloopException(ErrorCode.OUTPUT_FAILED, "Writing the personal-data export of '" + learner
                    + "' failed after " + written.size() + " sections: " + e.getMessage()
                    + ". The archive is incomplete; export again to a stream that can be written.", e);
        }
    }

    @Override
    public ErasureOutcome erase(Actor actor, UserId learner, String reason) {
        return erasures.erase(actor, learner, reason);
    }

    private static void entry(ZipOutputStream zip, String file, Instant at) throws IOException {
        ZipEntry e = new ZipEntry(file);
        e.setLastModifiedTime(FileTime.from(at));
        zip.putNextEntry(e);
    }

    private JsonGenerator generator(OutputStream zip) throws IOException {
        return mapper.getFactory().createGenerator(zip).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    @Override
    public String toString() {
        return "DefaultPersonalData" + sources.stream().map(PersonalDataSource::section).toList();
    }
}
