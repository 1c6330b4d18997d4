package io.xzone.boot.spec;

/**
 * What only HVM zones use.
 *
 * @param firmware  the BIOS hvmloader loads
 * @param bootOrder xl's letters: c (first disk), d (CD-ROM), n (network), e.g. "dc"
 * @param serial    whether the guest gets an emulated serial port (ttyS0) backed by a pty
 */
public record HvmOptions(Firmware firmware, String bootOrder, boolean serial) {
    public enum Firmware { SEABIOS }

    public static HvmOptions defaults() {
        return new HvmOptions(Firmware.SEABIOS, "cd", true);
    }
}
