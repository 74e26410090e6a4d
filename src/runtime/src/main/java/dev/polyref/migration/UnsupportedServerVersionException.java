package dev.polyref.migration;

import dev.polyref.PolyrefException;

/** Polyref was to be installed on a PostgreSQL server older than the oldest supported version (14). */
public final class UnsupportedServerVersionException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    private final int serverVersionNum;

    UnsupportedServerVersionException(String message, int serverVersionNum) {
        super(message);
        this.serverVersionNum = serverVersionNum;
    }

    /** @return the server's {@code server_version_num}, for example 130023 for PostgreSQL 13.23 */
    public int serverVersionNum() {
        return serverVersionNum;
    }
}
