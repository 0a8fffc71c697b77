package io.outcall.bench.coldstart;

import java.nio.file.Path;
import java.util.Locale;

/** One child JVM's figures; {@code ms} is the measure: JVM start to the handler's response. */
record ChildRun(long ms, long jvmToMainMs, long initMs, long invokeMs, long wallMs, String location, Path stderr) {

    String describe(String label, String note) {
        return String.format(Locale.ROOT, "%-16s %4d ms  (JVM start to main %3d, init %3d, invoke %3d; wall %4d ms) 202 %s %s",
                label, ms, jvmToMainMs, initMs, invokeMs, wallMs, location, note).stripTrailing();
    }
}
