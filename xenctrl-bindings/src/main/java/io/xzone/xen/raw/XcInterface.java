package io.xzone.xen.raw;

import com.sun.jna.PointerType;

/** {@code xc_interface *}: a libxenctrl handle. */
public final class XcInterface extends PointerType {
}
