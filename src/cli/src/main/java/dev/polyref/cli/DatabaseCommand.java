package dev.polyref.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A subcommand that works on a database given by the connection options; returns its exit code. */
abstract class DatabaseCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    CommandLine commandLine() {
        return spec.commandLine();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
