package io.xzone.xen.raw;

import com.sun.jna.PointerType;

/** {@code xentoollog_logger *}: where libxenctrl and libxenguest send their log lines. */
public final class XenToolLogger extends PointerType {
}
