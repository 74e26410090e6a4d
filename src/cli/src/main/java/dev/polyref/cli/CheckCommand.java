package dev.polyref.cli;

import dev.polyref.check.Check;
import dev.polyref.check.Checks;
import dev.polyref.check.Problem;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;

/** {@code polyref check}: runs every built-in check; exit code 2 if any finds a problem. */
@Command(name = "check", description = {"Check the database: every problem is printed on a line of its own and "
        + "the exit code is 2 if there is any.", "Checks: stale content types; generic keys without an index on "
        + "(content type, object id) (object-id columns paired by name: content_type_id/object_id, "
        + "<x>_type_id/<x>_id)."})
final class CheckCommand extends DatabaseCommand {

    @Override
    public Integer call() {
        PrintWriter out = out();
        List<Check> checks = Checks.defaults();
        long problems = 0;
        try (Database db = connection.open()) {
            DSLContext dsl = db.polyref();
            for (Check check : checks) {
                for (Problem problem : check.run(dsl)) {
                    out.println(Text.printable(problem));
                    problems++;
                }
            }
        }
        String checked = checks.stream().map(Check::name).collect(Collectors.joining(", "));
        if (problems == 0) {
            out.println("No problems found (checked " + checked + ").");
            return 0;
        }
        out.println(Text.plural(problems, "problem") + " found (checked " + checked + ").");
        return Main.FAILED;
    }
}
