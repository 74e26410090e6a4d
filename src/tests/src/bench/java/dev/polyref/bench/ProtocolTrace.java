package dev.polyref.bench;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Prints pgjdbc's protocol messages for the end-to-end variants' later executions (diagnostics only). */
public final class ProtocolTrace {
    public static void main(String[] args) throws Exception {
        EndToEndBenchmark b = new EndToEndBenchmark();
        b.size = Integer.parseInt(args[0]);
        b.setUp();
        for (int i = 0; i < 8; i++) {
            b.jooqPageOnly();
            b.rawPageOnly();
            b.polyrefOneRoundTrip();
            b.prefetchOnly();
        }
        Logger pg = Logger.getLogger("org.postgresql");
        ConsoleHandler h = new ConsoleHandler();
        h.setLevel(Level.ALL);
        pg.addHandler(h);
        pg.setLevel(Level.FINEST);
        for (String v : args[1].split(",")) {
            System.err.println("==== " + v);
            switch (v) {
                case "jooq" -> b.jooqPageOnly();
                case "raw" -> b.rawPageOnly();
                case "ort" -> b.polyrefOneRoundTrip();
                default -> b.prefetchOnly();
            }
        }
        System.exit(0);
    }
}
