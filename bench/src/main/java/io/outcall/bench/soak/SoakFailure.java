package io.outcall.bench.soak;

/** The soak could not go on (a bridge that does not start, a phase never reached): not a verdict on calls. */
final class SoakFailure extends RuntimeException {

    SoakFailure(String message) {
        super(message);
    }
}
