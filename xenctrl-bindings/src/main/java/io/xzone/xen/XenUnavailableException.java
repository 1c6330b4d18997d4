package io.xzone.xen;

/**
 * Xen cannot be used from here: not a Xen dom0 (no /dev/xen), no privilege, the Xen libraries are missing, or the
 * running Xen is not the version xzone's structure layouts are built for. The message is one sentence for operators.
 */
public final class XenUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public XenUnavailableException(String message) {
        super(message);
    }
}
