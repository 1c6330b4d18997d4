package io.xzone.boot.lifecycle;

import java.util.List;

/**
 * A destroy that could not clean up everything: the message (one line) says whether the domain itself is gone and
 * names each leftover with its reason.
 */
public final class ZoneDestroyIncompleteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean domainDestroyed;

    ZoneDestroyIncompleteException(int domid, boolean domainDestroyed, List<String> leftovers) {
        super("domain " + domid + (domainDestroyed ? " was destroyed, but not all cleaned up; left: " : " still exists; left: ")
                + String.join("; ", leftovers));
        this.domainDestroyed = domainDestroyed;
    }

    /** Whether the domain is gone (only cleanup is missing), so a supervisor may go on as after a clean destroy. */
    public boolean domainDestroyed() {
        return domainDestroyed;
    }
}
