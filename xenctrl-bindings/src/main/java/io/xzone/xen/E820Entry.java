package io.xzone.xen;

/**
 * One range of a guest's physical memory map (struct e820entry), for {@link Hypervisor#setMemoryMap} and PVH images.
 *
 * @param address start, in bytes
 * @param size    length, in bytes
 * @param type    {@link #RAM}, {@link #RESERVED}, {@link #ACPI}, {@link #NVS} or {@link #UNUSABLE}
 */
public record E820Entry(long address, long size, int type) {
    public static final int RAM = 1;
    public static final int RESERVED = 2;
    public static final int ACPI = 3;
    public static final int NVS = 4;
    public static final int UNUSABLE = 5;

    public E820Entry {
        if (size <= 0) {
            throw new IllegalArgumentException("e820 entry at 0x" + Long.toHexString(address) + " has no size");
        }
    }

    public long end() {
        return address + size;
    }
}
