package io.xzone.xen.raw;

import com.sun.jna.PointerType;

/** {@code xenevtchn_handle *}: an open /dev/xen/evtchn. */
public final class XenEvtchnHandle extends PointerType {
}
