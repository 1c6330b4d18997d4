package io.xzone.it.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs in the Xen lab: tags it {@code lab} and lets its test methods take a booted
 * {@link io.xzone.cli.lab.Lab} parameter. The lab of each profile boots once for the whole test run and is shared by
 * every class that asks for that profile, so tests must leave dom0 as they found it (destroy their guests).
 *
 * <pre>{@code
 * @XenLab
 * class XlInfoTest {
 *     @Test
 *     void xenOffersHvm(Lab lab) {
 *         assertTrue(lab.runOk("xl info").output().contains("hvm"));
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("lab")
@ExtendWith(LabExtension.class)
public @interface XenLab {
    /** Which machine to boot (default: PV dom0 with pv, hvm and hap). */
    LabProfile value() default LabProfile.STANDARD;
}
