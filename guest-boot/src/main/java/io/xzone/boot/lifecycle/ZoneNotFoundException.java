package io.xzone.boot.lifecycle;

/** No running domain has the given name. */
public final class ZoneNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ZoneNotFoundException(String name) {
        super("no zone named '" + name + "' runs on this host (see 'xzone zone list')");
    }
}
