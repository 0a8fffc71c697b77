package org.asteriskjava.manager.internal;

import io.outcall.bridge.ami.AnyUserEvent;
import org.asteriskjava.manager.event.ManagerEvent;

import java.util.Map;

/**
 * asterisk-java builds a UserEvent only when a class is registered for its name and silently
 * drops the others. The bridge must keep every UserEvent the dialplan sends, whatever its name,
 * so this builder turns each into an {@link AnyUserEvent} with all its headers and leaves every
 * other event to asterisk-java's own builder.
 *
 * <p>It lives in asterisk-java's package because {@code EventBuilder} is package-private there.
 */
public final class CatchAllUserEventBuilder implements EventBuilder {

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
        return delegate.buildEvent(source, attributes);
    }

    /** Installs this builder into a reader, replacing its private one. */
    public static ManagerReaderImpl install(ManagerReaderImpl reader) {
        try {
            java.lang.reflect.Field field = ManagerReaderImpl.class.getDeclaredField("eventBuilder");
            field.setAccessible(true);
            field.set(reader, new CatchAllUserEventBuilder());
            return reader;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this asterisk-java version has no ManagerReaderImpl.eventBuilder;"
                    + " UserEvents without a registered class would be lost", e);
        }
    }
}
