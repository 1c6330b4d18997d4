package io.xzone.convert.disk;

/**
 * One partition of a disk image.
 *
 * @param number      the partition number Linux and GRUB Legacy count from (1 = first primary/GPT entry)
 * @param startBytes  where it starts in the image
 * @param sizeBytes   its length
 * @param type        the MBR type byte as hex ("83") or the GPT type GUID
 */
public record Partition(int number, long startBytes, long sizeBytes, String type) {
}
