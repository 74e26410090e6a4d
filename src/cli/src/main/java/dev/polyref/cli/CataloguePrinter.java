package dev.polyref.cli;

import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.internal.CatalogueEntry;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Prints the catalogue as a table: id, content type (with its human name and, for a proxy, its base table), rows
 * (or "stale"). Used by {@code list} and {@code catalogue}.
 */
final class CataloguePrinter {

    private CataloguePrinter() {}

    static void print(PrintWriter out, List<CatalogueEntry> entries) {
        if (entries.isEmpty()) {
            out.println("The catalogue is empty: run 'polyref sync' to add the tables of your schemas.");
            return;
        }
        int idWidth = Math.max(2, entries.stream().mapToInt(e -> String.valueOf(e.contentType().id()).length())
                .max().orElse(0));
        // Names come from the database: escaped, so a name with a line break cannot fake a row
        List<String> names = entries.stream().map(e -> name(e.contentType(), entries)).toList();
        int nameWidth = Math.max(12, names.stream().mapToInt(String::length).max().orElse(0));
        List<String> rows = entries.stream().map(CataloguePrinter::rows).toList();
        int rowsWidth = Math.max(4, rows.stream().mapToInt(String::length).max().orElse(0));
        String format = "%" + idWidth + "s  %-" + nameWidth + "s  %" + rowsWidth + "s%n";
        out.printf(Locale.ROOT, format, "ID", "CONTENT TYPE", "ROWS");
        for (int i = 0; i < entries.size(); i++) {
            CatalogueEntry entry = entries.get(i);
            out.printf(Locale.ROOT, format, entry.contentType().id(), names.get(i), rows.get(i));
        }
        long stale = entries.stream().filter(CatalogueEntry::stale).count();
        out.printf(Locale.ROOT, "%d content type%s%s%n", entries.size(), entries.size() == 1 ? "" : "s",
                stale == 0 ? "" : ", " + stale + " stale (table gone; see 'polyref stale')");
    }

    // example.clip "Video clip", proxy of example.video: the human name (A11, A12) only when it is not the table's
    private static String name(ContentType type, List<CatalogueEntry> entries) {
        String name = Text.printable(type.naturalKey());
        if (!type.name().equals(type.model())) {
            name += " \"" + Text.printable(type.name()) + "\"";
        }
        Integer base = type.proxyFor();
        if (base != null) {
            name += ", proxy of " + entries.stream().map(CatalogueEntry::contentType).filter(t -> t.id() == base)
                    .findFirst().map(t -> Text.printable(t.naturalKey())).orElse("id " + base);
        }
        return name;
    }

    private static String rows(CatalogueEntry entry) {
        return entry.stale() ? "stale" : String.format(Locale.ROOT, "%,d", entry.rows().getAsLong());
    }
}
