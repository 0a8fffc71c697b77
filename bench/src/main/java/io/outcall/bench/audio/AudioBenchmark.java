package io.outcall.bench.audio;

import io.outcall.bench.common.Exit;
import io.outcall.bench.common.Machine;

/**
 * bench/audio: (a) a prompt's conversion per minute of audio against the JDK just decoding the same
 * bytes; (b) the delay from a recorded call's end to its recording stored, through the bridge's
 * uploader, against a plain PutObject and HeadObject of the same size. Prints key=value lines.
 */
public final class AudioBenchmark {

    private AudioBenchmark() {
    }

    public static void main(String[] args) {
        Exit.after(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        int calls = 100;
        int rate = 10;
        int rounds = 9;
        String part = "all";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--part" -> part = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --part conversion|recordings|all, --rounds N, --calls N, --rate N");
            }
        }
        System.out.println("audio: on " + Machine.cores() + " cores, load " + Machine.loadAverage());
        if (!part.equals("recordings")) {
            new ConversionRun(rounds).run();
        }
        if (!part.equals("conversion")) {
            System.out.println("audio: " + calls + " recorded calls, " + rate + " a second, load " + Machine.loadAverage());
            new RecordedCallsRun(calls, rate).run();
        }
    }
}
