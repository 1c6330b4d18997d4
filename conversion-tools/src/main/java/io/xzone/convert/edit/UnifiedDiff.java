package io.xzone.convert.edit;

import io.xzone.convert.guestfs.FileState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff (as {@code diff -u} prints it, 3 lines of context) between two states of one file, for
 * {@code --dry-run}. Symlinks show as one line "symlink -> target"; a missing file as /dev/null.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    /** Above this many line pairs the diff is one hunk replacing everything (config files are far smaller). */
    private static final long MAX_CELLS = 4_000_000L;

    private UnifiedDiff() {
    }

    public static String of(String path, FileState before, FileState after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        String from = before instanceof FileState.Absent ? "/dev/null" : "a" + path;
        String to = after instanceof FileState.Absent ? "/dev/null" : "b" + path;
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(from).append('\n').append("+++ ").append(to).append('\n');
        List<int[]> ops = script(a, b);
        // ops: {kind, indexA, indexB}, kind 0 = same, 1 = delete, 2 = insert; hunks are runs of changes with context.
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i)[0] == 0) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int sameRun = 0;
            while (end < ops.size() && sameRun <= 2 * CONTEXT) {
                sameRun = ops.get(end)[0] == 0 ? sameRun + 1 : 0;
                end++;
            }
            end = Math.min(ops.size(), end - Math.max(0, sameRun - CONTEXT));
            appendHunk(out, ops.subList(start, end), a, b);
            i = end;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<int[]> hunk, List<String> a, List<String> b) {
        int aStart = -1;
        int bStart = -1;
        int aCount = 0;
        int bCount = 0;
        StringBuilder body = new StringBuilder();
        for (int[] op : hunk) {
            if (op[0] != 2) {
                aStart = aStart < 0 ? op[1] : aStart;
                aCount++;
            }
            if (op[0] != 1) {
                bStart = bStart < 0 ? op[2] : bStart;
                bCount++;
            }
            switch (op[0]) {
                case 0 -> body.append(' ').append(a.get(op[1])).append('\n');
                case 1 -> body.append('-').append(a.get(op[1])).append('\n');
                default -> body.append('+').append(b.get(op[2])).append('\n');
            }
        }
        out.append("@@ -").append(range(aStart, aCount, hunk.get(0)[1])).append(" +")
                .append(range(bStart, bCount, hunk.get(0)[2])).append(" @@\n").append(body);
    }

    private static String range(int start, int count, int fallback) {
        int first = count == 0 ? fallback : start + 1;
        return count == 1 ? String.valueOf(first) : first + "," + count;
    }

    /** An edit script from the longest common subsequence of lines. */
    private static List<int[]> script(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        List<int[]> ops = new ArrayList<>();
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                ops.add(new int[] {1, i, 0});
            }
            for (int j = 0; j < m; j++) {
                ops.add(new int[] {2, n, j});
            }
            return ops;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new int[] {0, i++, j++});
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new int[] {1, i++, j});
            } else {
                ops.add(new int[] {2, i, j++});
            }
        }
        return ops;
    }

    private static List<String> lines(FileState state) {
        if (state instanceof FileState.Regular regular) {
            String text = new String(regular.content(), StandardCharsets.ISO_8859_1);
            List<String> lines = new ArrayList<>(text.lines().toList());
            if (!text.isEmpty() && !text.endsWith("\n")) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n\\ No newline at end of file");
            }
            return lines;
        }
        if (state instanceof FileState.Symlink link) {
            return List.of("symlink -> " + link.target());
        }
        return List.of();
    }
}
