package io.xzone.boot.spec;

/** A raw spec value and where it came from, kept until validation so an error can point at its line or flag. */
record Sourced<T>(T value, Origin origin) {
}
