package io.xzone.convert.iso;

/** The bootloader a conversion CD carries. */
public enum GrubFlavor {
    /** GRUB 2 (grub-mkrescue): reads grub.cfg, and menu.lst through legacy_configfile; MBR and GPT. */
    GRUB2("grub2"),
    /** GRUB Legacy 0.97 (stage2_eltorito): what pv-grub guests were written for; MBR only, no grub.cfg. */
    LEGACY("grub-legacy");

    private final String fileName;

    GrubFlavor(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}
