package io.outcall.bench.throughput;

/** The benchmark's output: line by line, flushed, so a long run shows where it is. */
final class Say {

    private Say() {
    }

    static void line(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
