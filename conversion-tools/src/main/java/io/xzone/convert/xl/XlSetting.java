package io.xzone.convert.xl;

/** One {@code key = value} line of an xl.cfg file, with the line it started on (for error messages). */
public record XlSetting(String key, XlValue value, int line) {
}
