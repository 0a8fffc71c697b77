package org.asteriskjava.manager.internal;

import io.outcall.bridge.ami.AnyUserEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;

import java.util.Map;

// In asterisk-java's package only because EventBuilder and EventBuilderImpl are package-private there (3.42.2).
/**
 * asterisk-java's event builder with two of its losses repaired:
 * <ul>
 * <li>it builds a UserEvent only when a class is registered for its name and silently drops the
 * others; here every UserEvent becomes an {@link AnyUserEvent} with all its headers;</li>
 * <li>it keeps a response event's ActionID only when asterisk-java itself prefixed it; here an
 * ActionID it did not make (another client's, or a recorded stream's) is kept as sent.</li>
 * </ul>
 */
public final class BridgeEventBuilder implements EventBuilder {

    private final EventBuilder delegate = new EventBuilderImpl();

    @Override
    public void registerEventClass(Class<? extends ManagerEvent> clazz) {
        delegate.registerEventClass(clazz);
    }

    @Override
    public void deregisterEventClass(Class<? extends ManagerEvent> clazz) {
        delegate.deregisterEventClass(clazz);
    }

    @Override
    public ManagerEvent buildEvent(Object source, Map<String, Object> attributes) {
        if (attributes.get("event") instanceof String name && name.equalsIgnoreCase("UserEvent")) {
            return new AnyUserEvent(source, attributes);
        }
        ManagerEvent event = delegate.buildEvent(source, attributes);
        if (event instanceof ResponseEvent response && response.getActionId() == null
                && attributes.get("actionid") instanceof String actionId && actionId.indexOf('#') < 0) {
            response.setActionId(actionId);
        }
        return event;
    }

    /** Installs this builder into a reader, replacing its private one. */
    public static ManagerReaderImpl install(ManagerReaderImpl reader) {
        try {
            java.lang.reflect.Field field = ManagerReaderImpl.class.getDeclaredField("eventBuilder");
            field.setAccessible(true);
            field.set(reader, new BridgeEventBuilder());
            return reader;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this asterisk-java version has no ManagerReaderImpl.eventBuilder;"
                    + " UserEvents without a registered class would be lost", e);
        }
    }
}
