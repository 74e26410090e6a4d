/**
 * The {@code polyref} command line ({@link dev.polyref.cli.Main}): one small class per subcommand that parses
 * options and prints; the work is done by the public API of {@code catalogue}, {@code check}, {@code fixtures}
 * and {@code migration}.
 */
@NullMarked
package dev.polyref.cli;

import org.jspecify.annotations.NullMarked;
