package io.xzone.boot.spec;

import java.util.List;

/**
 * Invalid zone specs and the start of the one-line error each must give (after "FILE:"), shared by the parser's unit
 * test and the CLI test that checks exit code 2. Every case starts from a valid spec ("web", kernel vmlinux in the
 * spec's folder) and breaks one thing; {@link #EXISTING} is the name of a zone already running.
 */
public final class BadSpecs {
    public static final String EXISTING = "db";
    private static final String OK = "name = \"web\"\nkernel = \"vmlinux\"\n";
    private static final String HVM = "name = \"web\"\nbackend = \"hvm\"\n";

    /** One bad spec: what it checks, the TOML, and the expected message after the file name. */
    public record Case(String what, String toml, String error) {
        @Override
        public String toString() {
            return what;
        }
    }

    private BadSpecs() {
    }

    public static List<Case> all() {
        return List.of(
                new Case("unknown key", OK + "colour = \"red\"\n", ":3: colour: unknown key; known keys are "),
                new Case("unknown disk key", OK + "[[disk]]\npath = \"vmlinux\"\ntarget = \"xvda\"\nsize = 3\n", ":6: disk.size: unknown key"),
                new Case("not TOML", "name = \"web\nkernel = \"vmlinux\"\n", ":1: not valid TOML: "),
                new Case("memory as string", OK + "memory = \"512\"\n", ":3: memory: expected an integer, got the string \"512\""),
                new Case("memory as float", OK + "memory = 1.5\n", ":3: memory: expected an integer, got double 1.5"),
                new Case("negative memory", OK + "memory = -512\n", ":3: memory: -512 MiB; must be positive"),
                new Case("zero vcpus", OK + "vcpus = 0\n", ":3: vcpus: 0 vCPUs; must be positive"),
                new Case("too many vcpus", OK + "vcpus = 4096\n", ":3: vcpus: 4096 vCPUs; at most 128"),
                new Case("maxmem below memory", OK + "memory = 512\nmaxmem = 256\n", ":4: maxmem: 256 MiB is less than memory (512 MiB)"),
                new Case("maxvcpus below vcpus", OK + "vcpus = 4\nmaxvcpus = 2\n", ":4: maxvcpus: 2 is less than vcpus (4)"),
                new Case("missing kernel file", "name = \"web\"\nkernel = \"nope\"\n", ":2: kernel: "),
                new Case("non-ELF kernel", "name = \"web\"\nkernel = \"notes.txt\"\nbackend = \"pv\"\n", ":2: kernel: "),
                new Case("name with slash", "name = \"a/b\"\nkernel = \"vmlinux\"\n", ":1: name: 'a/b' contains '/'"),
                new Case("name over 64 chars", "name = \"" + "x".repeat(65) + "\"\nkernel = \"vmlinux\"\n", ":1: name: 65 characters, at most 64"),
                new Case("name with space", "name = \"my web\"\nkernel = \"vmlinux\"\n", ":1: name: 'my web' must start with a letter or digit"),
                new Case("duplicate name", "name = \"" + EXISTING + "\"\nkernel = \"vmlinux\"\n", ":1: name: a domain named 'db' already runs"),
                new Case("unknown backend", OK + "backend = \"kvm\"\n", ":3: backend: unknown value 'kvm'; use one of auto, pv, pvh, hvm"),
                new Case("bad uuid", OK + "uuid = \"1234\"\n", ":3: uuid: '1234' is not a UUID"),
                new Case("bad lifecycle action", OK + "on_crash = \"coredump-restart\"\n", ":3: on_crash: unknown value 'coredump-restart'"),
                new Case("bad cpus", OK + "cpus = \"one\"\n", ":3: cpus: 'one' is not a CPU number or range"),
                new Case("cpus wrong type", OK + "cpus = true\n", ":3: cpus: expected a string like \"1\""),
                new Case("cdrom on pv", OK + "backend = \"pv\"\n[[disk]]\npath = \"vmlinux\"\ntarget = \"hdc\"\ncdrom = true\n", ":5: disk.cdrom: CD-ROMs are emulated by QEMU"),
                new Case("duplicate disk target", OK + "[[disk]]\npath = \"vmlinux\"\ntarget = \"xvda\"\n[[disk]]\npath = \"vmlinux\"\ntarget = \"xvda\"\n", ":7: disk.target: xvda is used by two disks"),
                new Case("missing disk file", OK + "[[disk]]\npath = \"gone.img\"\ntarget = \"xvda\"\n", ":4: disk.path: "),
                new Case("bad mac", OK + "[[network]]\nbridge = \"xenbr0\"\nmac = \"01:00:5e:00:00:01\"\n", ":4: network.mac: '01:00:5e:00:00:01' is not a unicast MAC"),
                new Case("bad bridge", OK + "[[network]]\nbridge = \"a bridge with spaces\"\n", ":4: network.bridge: "),
                new Case("nic model smuggling qemu options", OK + "[[network]]\nbridge = \"xenbr0\"\nmodel = \"e1000,romfile=/x\"\n",
                        ":4: network.model: 'e1000,romfile=/x' is not a QEMU NIC model"),
                new Case("nic model qemu does not know", HVM + "[[network]]\nbridge = \"xenbr0\"\nmodel = \"ne2000\"\n",
                        ":4: network.model: 'ne2000' is not a QEMU NIC model for Xen HVM guests; use one of rtl8139, e1000, "),
                new Case("nic model on a bus xenfv lacks", HVM + "[[network]]\nbridge = \"xenbr0\"\nmodel = \"virtio-net-device\"\n",
                        ":4: network.model: 'virtio-net-device' is not a QEMU NIC model"),
                new Case("nic model in the wrong case", OK + "backend = \"pv\"\n[[network]]\nbridge = \"xenbr0\"\nmodel = \"E1000\"\n",
                        ":5: network.model: 'E1000' is not a QEMU NIC model"),
                new Case("hvm options on pv", OK + "backend = \"pv\"\n[hvm]\nboot = \"c\"\n", ":5: hvm: firmware, boot and serial apply only to backend = \"hvm\""),
                new Case("bad boot order", "name = \"web\"\nbackend = \"hvm\"\n[hvm]\nboot = \"cx\"\n", ":4: hvm.boot: 'cx' is not a boot order"),
                new Case("unknown firmware", "name = \"web\"\nbackend = \"hvm\"\n[hvm]\nfirmware = \"ovmf\"\n", ":4: hvm.firmware: unknown value 'ovmf'; use one of seabios"),
                new Case("disk as a plain table", OK + "[disk]\npath = \"vmlinux\"\n", ":3: disk: expected tables written [[disk]]"),
                new Case("cmdline too long", OK + "cmdline = \"" + "a".repeat(1100) + "\"\n", ":3: cmdline: 1100 characters; Xen takes at most 1023"));
    }
}
