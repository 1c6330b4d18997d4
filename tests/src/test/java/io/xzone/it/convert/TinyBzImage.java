package io.xzone.it.convert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A kernel of a few hundred bytes in Linux's bzImage format (boot protocol 2.05, loaded high at 1 MiB), assembled with
 * the system's as/ld: entered in 32-bit protected mode by GRUB's {@code linux} command, it writes
 * {@code MARKER + " " + its command line} on COM1 (ttyS0) and halts. The lab's converted guest boots it instead of
 * Debian's 8 MB kernel: under TCG inside TCG, GRUB reads a disk through SeaBIOS one 512-byte PIO sector per device-model
 * round trip, and Debian's kernel had not finished loading after 15 minutes. Real Linux on a converted disk is booted
 * by the qemu tier (ConvertedGuestsBootTest); here what counts is that the command line GRUB passes from the converted
 * grub.cfg names ttyS0, and that the zone's serial port carries it.
 */
final class TinyBzImage {
    private static final String ASSEMBLY = """
            # Real-mode part: the boot sector and one setup sector; only the header fields GRUB reads are set.
            .code16
            .section .text
            .org 0x1f1
            setup_sects: .byte 1
            .org 0x1fe
            boot_flag: .word 0xaa55
            jump: .byte 0xeb, 0x00
            header: .ascii "HdrS"
            version: .word 0x0205
            .org 0x211
            loadflags: .byte 0x01
            .org 0x214
            code32_start: .long 0x100000
            .org 0x22c
            initrd_addr_max: .long 0x37ffffff
            .org 0x400
            # Protected-mode part, at 1 MiB; GRUB enters it with %esi pointing at boot_params.
            .code32
            start:
                movl $(0x100000 + stack_top - start), %esp
                movl $(0x100000 + marker - start), %ebx
                call print
                movl 0x228(%esi), %ebx
                call print
                movl $(0x100000 + newline - start), %ebx
                call print
            halt:
                cli
                hlt
                jmp halt
            # Writes the NUL-terminated string at %ebx on COM1, which GRUB left set up at 115200 baud.
            print:
                movb (%ebx), %cl
                testb %cl, %cl
                jz done
                movw $0x3fd, %dx
            wait:
                inb %dx, %al
                testb $0x20, %al
                jz wait
                movw $0x3f8, %dx
                movb %cl, %al
                outb %al, %dx
                incl %ebx
                jmp print
            done:
                ret
            marker: .asciz "@MARKER@ "
            newline: .asciz "\\r\\n"
            .balign 16
            .space 256
            stack_top:
            """;

    private TinyBzImage() {
    }

    /** Assembles the kernel into {@code target} (a folder for the intermediate files is made beside it). */
    static Path build(Path target, String marker) throws IOException, InterruptedException {
        Path work = Files.createDirectories(target.resolveSibling(target.getFileName() + ".build"));
        Path source = Files.writeString(work.resolve("kernel.S"), ASSEMBLY.replace("@MARKER@", marker), StandardCharsets.UTF_8);
        Path object = work.resolve("kernel.o");
        run(List.of("as", "--32", "-o", object.toString(), source.toString()));
        run(List.of("ld", "-m", "elf_i386", "-Ttext=0", "-e", "0", "--oformat", "binary", "-o", target.toString(), object.toString()));
        return target;
    }

    private static void run(List<String> argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + output);
        }
    }
}
