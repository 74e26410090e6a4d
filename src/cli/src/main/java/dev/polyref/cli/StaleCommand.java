package dev.polyref.cli;

import dev.polyref.PolyrefException;
import dev.polyref.catalogue.internal.StaleContentType;
import dev.polyref.catalogue.internal.StaleContentTypes;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code polyref stale}: Django's remove_stale_contenttypes. */
@Command(name = "stale", description = {
        "List stale content types (their table is gone) and, per referencing table, the rows that refer to them.",
        "With --remove, delete those rows and the content types in one transaction, after asking."})
final class StaleCommand extends DatabaseCommand {

    @Option(names = "--remove", description = "Delete the stale content types and the rows that refer to them.")
    boolean remove;

    @Option(names = "--yes", description = "With --remove: do not ask.")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        if (yes && !remove) {
            throw new ParameterException(commandLine(), "--yes only goes with --remove");
        }
        PrintWriter out = out();
        try (Database db = connection.open()) {
            DSLContext dsl = db.polyref();
            List<StaleContentType> stale = StaleContentTypes.report(dsl);
            if (stale.isEmpty()) {
                out.println("No stale content types.");
                return 0;
            }
            if (!remove) {
                out.println("Stale content types (their table is gone) and the rows that refer to them:");
                printList(out, stale);
                out.println("Remove them with 'polyref stale --remove'.");
                return 0;
            }
            if (!yes && !confirmed(out, stale)) {
                out.println("Stale content types remain.");
                return 0;
            }
            for (StaleContentType removed : StaleContentTypes.remove(dsl,
                    stale.stream().map(StaleContentType::contentType).toList())) {
                out.println("Deleted stale content type " + Text.printable(removed.contentType())
                        + (removed.dependentRows() == 0 ? "" : " and " + Text.plural(
                                removed.dependentRows(), "dependent row")));
            }
        }
        return 0;
    }

    /** Django's question, word for word where it applies; only the exact answer {@code yes} deletes. */
    private boolean confirmed(PrintWriter out, List<StaleContentType> stale) throws IOException {
        out.println("Some content types in your database are stale and can be deleted.");
        out.println("Any rows that depend on these content types will also be deleted.");
        out.println("The content types and dependent rows that would be deleted are:");
        out.println();
        printList(out, stale);
        out.println();
        out.println("Are you sure you want to delete these content types?");
        out.println("If you're unsure, answer 'no'.");
        out.print("Type 'yes' to continue, or 'no' to cancel: ");
        out.flush();
        String answer = main.stdin().readLine();
        if (answer == null) {
            out.println();
            throw new PolyrefException("No answer on standard input; nothing was deleted "
                    + "(use --yes to delete without asking)");
        }
        return answer.equals("yes");
    }

    private static void printList(PrintWriter out, List<StaleContentType> stale) {
        for (StaleContentType s : stale) {
            out.println("    - Content type " + Text.printable(s.contentType()));
            s.dependents().forEach(d -> out.println("        - " + Text.printable(d)));
        }
    }
}
