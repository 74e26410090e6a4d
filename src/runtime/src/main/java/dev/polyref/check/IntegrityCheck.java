package dev.polyref.check;

import dev.polyref.integrity.GenericKeyIntegrity;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Reports what {@code polyref.integrity_check()} finds: a missing drop guard, dropped targets, unvalidated keys,
 * and keys (enforced or declared) that still list a target whose table was dropped.
 */
final class IntegrityCheck implements Check {

    @Override
    public String name() {
        return "integrity";
    }

    @Override
    public String description() {
        return "enforced generic keys whose database protection is incomplete";
    }

    @Override
    public List<Problem> run(DSLContext dsl) {
        return GenericKeyIntegrity.using(dsl).check();   // already Problems named "integrity"
    }
}
