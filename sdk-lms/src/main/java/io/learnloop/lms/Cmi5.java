package io.learnloop.lms;

import io.learnloop.core.Learnloop;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.lms.internal.cmi5.Cmi5PersonalData;
import io.learnloop.lms.internal.cmi5.DefaultCmi5Lms;

import java.util.List;

/**
 * Builds Learnloop's cmi5 LMS.
 *
 * <p>Thread-safe: static functions only.
 */
public final class Cmi5 {
    private Cmi5() {
    }

    /**
     * The cmi5 LMS of one Learnloop facade: structures, registrations, sessions, statements and documents in the
     * facade's store and tenant, lessons completed through its progress service.
     *
     * @param learnloop the facade
     * @param config    the configuration
     * @return a thread-safe LMS
     */
    public static Cmi5Lms lms(Learnloop learnloop, Cmi5Config config) {
        return new DefaultCmi5Lms(learnloop, config);
    }

    /**
     * The cmi5 step of every learner's erasure, to register with {@code Learnloop.Builder.personalDataEraser}: the
     * learner's statements, state and profile documents, sessions, credentials and registrations are deleted.
     *
     * @return the step; stateless and thread-safe
     */
    public static PersonalDataEraser personalDataEraser() {
        return new Cmi5PersonalData();
    }

    /**
     * The cmi5 sections of every learner's export, to register each with
     * {@code Learnloop.Builder.personalDataSource}: {@code cmi5-registrations}, {@code cmi5-sessions},
     * {@code cmi5-statements} and {@code cmi5-documents} (state and agent profile documents).
     *
     * @return the sections; stateless and thread-safe
     */
    public static List<PersonalDataSource> personalDataSources() {
        return Cmi5PersonalData.sections();
    }
}
