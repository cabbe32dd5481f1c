package io.learnloop.lms.internal.cmi5;

import io.learnloop.lms.internal.cmi5.Cmi5Rows.BlockRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.RegistrationRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.StatementRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.StructureRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolls AU satisfaction up a registration (cmi5 section 13.1.4, moveOn usage): a block is satisfied when every AU in
 * it is, the course when every AU is; each newly satisfied block and the course get one {@code satisfied} statement
 * (section 9.3.9), never a second one in the registration.
 *
 * <p>Thread-safe: immutable.
 */
final class Satisfaction {
    private final LmsStatements statements;

    Satisfaction(LmsStatements statements) {
        this.statements = statements;
    }

    /** What satisfying some AUs changed: the registration as it is now and the statements to record. */
    record Change(RegistrationRow registration, List<Integer> newlySatisfied, List<StatementRow> statements) {
    }

    Change satisfy(RegistrationRow reg, StructureRow structure, List<Integer> aus, String session, Instant now) {
        Map<String, Instant> satisfied = new LinkedHashMap<>(reg.satisfiedAus());
        List<Integer> newly = new ArrayList<>();
        for (int au : aus) {
            if (satisfied.putIfAbsent(Integer.toString(au), now) == null) {
                newly.add(au);
            }
        }
        if (newly.isEmpty()) {
            return new Change(reg, List.of(), List.of());
        }
        List<StatementRow> out = new ArrayList<>();
        List<Integer> blocks = new ArrayList<>(reg.satisfiedBlocks());
        for (int i = 0; i < structure.blocks().size(); i++) {
            BlockRow b = structure.blocks().get(i);
            if (!blocks.contains(i) && b.aus().stream().allMatch(a -> satisfied.containsKey(Integer.toString(a)))) {
                blocks.add(i);
                out.add(statements.satisfied(b.lmsId(), Cmi5Vocabulary.TYPE_BLOCK, b.publisherId(), reg.id(), session,
                        reg.learner(), now));
            }
        }
        Instant courseAt = reg.courseSatisfiedAt();
        if (courseAt == null && satisfied.size() == structure.auCount()) {
            courseAt = now;
            out.add(statements.satisfied(structure.lmsId(), Cmi5Vocabulary.TYPE_COURSE, structure.publisherId(),
                    reg.id(), session, reg.learner(), now));
        }
        RegistrationRow after = new RegistrationRow(reg.id(), reg.learner(), reg.course(), reg.createdAt(),
                reg.completed(), reg.passed(), reg.failed(), satisfied, blocks, courseAt, reg.lastSession());
        return new Change(after, newly, out);
    }
}
