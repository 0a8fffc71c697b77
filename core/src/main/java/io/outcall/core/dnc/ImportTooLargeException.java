package io.outcall.core.dnc;

/** A CSV with more numbers than one import takes: nothing of it was imported. */
public final class ImportTooLargeException extends RuntimeException {

    public ImportTooLargeException(int lines) {
        super("the file holds more than " + DncImport.MAX_NUMBERS + " numbers (" + lines + " lines read before"
                + " stopping); split it into files of at most " + DncImport.MAX_NUMBERS + " and import each");
    }
}
