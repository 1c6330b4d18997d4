package io.xzone.it.xenstored;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test class of the {@code xenstored} tier: it gets its own real xenstored (a {@link Xenstored} parameter). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("xenstored")
@ExtendWith(XenstoredExtension.class)
public @interface XenstoredTest {
    /** Start the daemon with a trace of every request and reply ({@link Xenstored#trace()}). */
    boolean traced() default false;
}
