package io.outcall.pbxsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code MixMonitor(${CALL_ID}.wav)} on the {@code ;1} half when the bridge set {@code OUTCALL_RECORD=1}
 * (ami-traces 42 whole call): the VarSet of {@code MIXMONITOR_FILENAME} and {@code MixMonitorStart} in the
 * same instant, the file created then as a 44-byte header, and its audio (a 440 Hz tone, 8 kHz mono 16-bit
 * PCM, as long as the call was answered, in script time) written when the channel hangs up, before the
 * Hangup events go out. No {@code MixMonitorStop}: the sample dialplan never calls StopMixMonitor, and a
 * hang-up closes the file silently (finding 6).
 */
final class MixMonitor {

    static final String VARIABLE = "OUTCALL_RECORD";
    static final String ASTERISK_SPOOL = "/var/spool/asterisk/monitor";
    private static final int RATE = 8000;

    private final Call call;
    private boolean running;
    private long startedAtMillis;

    MixMonitor(Call call) {
        this.call = call;
    }

    boolean requested() {
        return "1".equals(call.req.variable(VARIABLE));
    }

    /** The dialplan's {@code ExecIf(...?MixMonitor(${CALL_ID}.wav))} at {@code priority}, right after Answer(). */
    void start(String context, int priority) {
        Channel o1 = call.o1;
        call.out.exten(o1, context, call.req.exten(), priority, "ExecIf", "1?MixMonitor(" + call.callId + ".wav)");
        Path spool = call.env.config().recordingSpool();
        String name = (spool == null ? ASTERISK_SPOOL : spool.toAbsolutePath().toString()) + "/" + call.callId + ".wav";
        call.out.varSet(o1, "MIXMONITOR_FILENAME", name);
        call.out.emit(call.out.events().mixMonitorStart(o1), o1);
        running = true;
        startedAtMillis = call.timeline.nowMillis();
        write(0);
    }

    /** The channel hangs up: the file is complete before anyone hears of the hang-up. */
    void channelHungUp() {
        if (!running) {
            return;
        }
        running = false;
        write(Math.max(0, call.timeline.nowMillis() - startedAtMillis));
    }

    private void write(long millis) {
        Path spool = call.env.config().recordingSpool();
        if (spool == null) {
            return;
        }
        try {
            Files.createDirectories(spool);
            Files.write(spool.resolve(call.callId + ".wav"), wav((int) (millis * RATE / 1000)));
        } catch (IOException e) {
            throw new UncheckedIOException("MixMonitor cannot write into " + spool, e);
        }
    }

    /** A canonical 44-byte WAV header and {@code samples} of a quiet 440 Hz tone. */
    static byte[] wav(int samples) {
        int data = samples * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(data);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (4000 * Math.sin(2 * Math.PI * 440 * i / RATE)));
        }
        return b.array();
    }
}
