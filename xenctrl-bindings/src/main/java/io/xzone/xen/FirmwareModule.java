package io.xzone.xen;

/**
 * A blob libxenguest copies into an HVM container (struct xc_hvm_firmware_module): extra ACPI tables for PVH, or the
 * BIOS image hvmloader loads for HVM.
 *
 * @param data         the bytes
 * @param guestAddress where the blob should land in the guest, 0 to let the builder choose
 */
public record FirmwareModule(byte[] data, long guestAddress) {
    public FirmwareModule {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
