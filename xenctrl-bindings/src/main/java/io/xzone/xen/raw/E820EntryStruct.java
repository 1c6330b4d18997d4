package io.xzone.xen.raw;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code struct e820entry}, packed: 20 bytes, so arrays of it are built with no padding. */
@Structure.FieldOrder({"addr", "size", "type"})
public final class E820EntryStruct extends Structure {
    public static final int SIZE = 20;

    public long addr;
    public long size;
    public int type;

    public E820EntryStruct() {
        super(ALIGN_NONE);
    }

    public E820EntryStruct(Pointer memory) {
        super(memory, ALIGN_NONE);
    }
}
