package dev.arietta.benchmarks.bittorrent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and peak memory of a Linux process, read from {@code /proc}. */
final class ProcStats {

    /** Clock ticks per second of {@code /proc/<pid>/stat} times ({@code getconf CLK_TCK}, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** User plus system CPU of {@code pid} so far, its threads included. */
    static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name (which may hold spaces) start after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** Peak resident set of {@code pid}, in bytes ({@code VmHWM}). */
    static long peakRssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
