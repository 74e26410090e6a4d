package dev.polyref;

/** Polyref was to be installed on a PostgreSQL server older than the oldest supported version (14). */
public final class UnsupportedServerVersionException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    private final int serverVersionNum;

    /**
     * @param message          names the server's version and the oldest supported one
     * @param serverVersionNum the server's {@code server_version_num}
     */
    public UnsupportedServerVersionException(String message, int serverVersionNum) {
        super(message);
        this.serverVersionNum = serverVersionNum;
    }

    /** @return the server's {@code server_version_num}, for example 130023 for PostgreSQL 13.23 */
    public int serverVersionNum() {
        return serverVersionNum;
    }
}
