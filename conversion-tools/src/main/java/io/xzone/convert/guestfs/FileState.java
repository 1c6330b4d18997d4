package io.xzone.convert.guestfs;

import java.util.Arrays;

/** The content of one guest path as conversion sees it: a regular file, a symlink, or nothing. */
public sealed interface FileState {

    /** A regular file with its bytes, permission bits, owner and group. */
    record Regular(byte[] content, int mode, int uid, int gid) implements FileState {
        public Regular {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        /** The same file with other bytes (what an edit produces: mode, owner and group kept). */
        public Regular withContent(byte[] newContent) {
            return new Regular(newContent, mode, uid, gid);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Regular r && Arrays.equals(content, r.content) && mode == r.mode && uid == r.uid
                    && gid == r.gid;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(content) * 31 + mode;
        }

        @Override
        public String toString() {
            return "Regular[" + content.length + " bytes, mode " + Integer.toOctalString(mode) + ", " + uid + ":" + gid + "]";
        }
    }

    record Symlink(String target) implements FileState {
    }

    record Absent() implements FileState {
    }
}
