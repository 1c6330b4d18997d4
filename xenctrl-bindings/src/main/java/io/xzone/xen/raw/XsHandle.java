package io.xzone.xen.raw;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/** {@code struct xs_handle *}: one connection to xenstored, opaque to Java. */
public final class XsHandle extends PointerType {
    public XsHandle() {
    }

    public XsHandle(Pointer pointer) {
        super(pointer);
    }
}
