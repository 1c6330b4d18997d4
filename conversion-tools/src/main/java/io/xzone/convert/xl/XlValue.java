package io.xzone.convert.xl;

import java.util.List;
import java.util.stream.Collectors;

/** One value of an xl.cfg setting: a string, a number or a list of values, written back in xl's own syntax. */
public sealed interface XlValue {

    /** The value as xl.cfg text. */
    String toXl();

    /** The value without xl's quotes: a string's content, else as xl.cfg text. */
    default String plain() {
        return toXl();
    }

    record Text(String value) implements XlValue {
        @Override
        public String plain() {
            return value;
        }

        @Override
        public String toXl() {
            // xl reads both quote kinds; double quotes unless the value holds one, and xl has no escapes at all.
            return value.contains("\"") ? "'" + value + "'" : "\"" + value + "\"";
        }
    }

    record Number(String literal) implements XlValue {
        @Override
        public String toXl() {
            return literal;
        }
    }

    record ListValue(List<XlValue> items) implements XlValue {
        public ListValue {
            items = List.copyOf(items);
        }

        @Override
        public String toXl() {
            return items.stream().map(XlValue::toXl).collect(Collectors.joining(", ", "[ ", " ]"));
        }
    }
}
