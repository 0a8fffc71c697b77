package org.asteriskjava.manager.internal;

/**
 * asterisk-java's connection with one change: its reader keeps every UserEvent (see
 * {@link CatchAllUserEventBuilder}). It lives here because the reader factory it overrides takes
 * a package-private type.
 */
public final class BridgeManagerConnection extends ManagerConnectionImpl {

    @Override
    protected ManagerReader createReader(Dispatcher dispatcher, Object source) {
        return CatchAllUserEventBuilder.install(new ManagerReaderImpl(dispatcher, source));
    }
}
