package dev.polyref.check;

import dev.polyref.catalogue.internal.DependentRows;
import dev.polyref.catalogue.internal.StaleContentType;
import dev.polyref.catalogue.internal.StaleContentTypes;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Catalogue rows whose table is gone (Django's {@code remove_stale_contenttypes} would delete them). */
final class StaleContentTypesCheck implements Check {

    @Override
    public String name() {
        return "stale-content-types";
    }

    @Override
    public String description() {
        return "content types whose table is gone";
    }

    @Override
    public List<Problem> run(DSLContext dsl) {
        return StaleContentTypes.report(dsl).stream().map(this::problem).toList();
    }

    private Problem problem(StaleContentType stale) {
        long rows = stale.dependentRows();
        String dependents = rows == 0 ? "no rows refer to it"
                : (rows == 1 ? "1 row refers" : rows + " rows refer") + " to it ("
                        + stale.dependents().stream().map(DependentRows::toString).collect(Collectors.joining(", "))
                        + ")";
        return new Problem(name(), stale.contentType().toString(),
                "its table is gone; " + dependents
                        + "; remove it with StaleContentTypes.remove or 'polyref stale --remove'");
    }
}
