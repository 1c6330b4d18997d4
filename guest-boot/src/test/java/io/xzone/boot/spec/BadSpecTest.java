package io.xzone.boot.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BadSpecTest {
    @TempDir
    Path dir;

    @BeforeEach
    void kernels() {
        SpecFiles files = new SpecFiles(dir);
        files.elfKernel("vmlinux");
        files.file("notes.txt", "not a kernel");
    }

    static List<BadSpecs.Case> cases() {
        return BadSpecs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadSpecIsOneLineNamingFileLineAndField(BadSpecs.Case bad) {
        Path spec = new SpecFiles(dir).file("web.toml", bad.toml());
        SpecException e = assertThrows(SpecException.class, () -> ZoneSpecFile.read(spec).build(Set.of(BadSpecs.EXISTING)));
        assertTrue(e.getMessage().startsWith(spec + bad.error()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void thereAreAtLeastTwentyCases() {
        assertTrue(BadSpecs.all().size() >= 20);
    }
}
