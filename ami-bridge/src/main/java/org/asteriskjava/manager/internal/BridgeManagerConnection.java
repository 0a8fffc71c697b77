package org.asteriskjava.manager.internal;

/**
 * asterisk-java's connection with one change: its reader keeps every UserEvent and every ActionID (see
 * {@link BridgeEventBuilder}). It lives here because the reader factory it overrides takes
 * a package-private type.
 */
public final class BridgeManagerConnection extends ManagerConnectionImpl {

    /**
     * Closes the socket without a Logoff: on a half-open link a Logoff would only wait out its
     * timeout. The reader then sees the socket end and asterisk-java's own reconnect takes over.
     */
    public void dropSocket() {
        disconnect();
    }

    @Override
    protected ManagerReader createReader(Dispatcher dispatcher, Object source) {
        return BridgeEventBuilder.install(new ManagerReaderImpl(dispatcher, source));
    }
}
