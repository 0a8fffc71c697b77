package io.outcall.pbxsim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The manager protocol: answers each action the way the traces show (login, Ping, Originate, Hangup,
 * CoreShowChannels, errors) and hands telephony to the current {@link Pbx}.
 */
final class ManagerActions implements ClientSession.ActionHandler {

    private final SimulatorConfig config;
    private final AmiEvents events;
    private final EventSink broadcast;
    private final Supplier<Boot> boot;
    private final OriginateLedger ledger;
    private volatile OriginateGate gate = OriginateGate.OPEN;

    ManagerActions(SimulatorConfig config, AmiEvents events, EventSink broadcast, Supplier<Boot> boot,
                   OriginateLedger ledger) {
        this.config = config;
        this.events = events;
        this.broadcast = broadcast;
        this.boot = boot;
        this.ledger = ledger;
    }

    void gate(OriginateGate gate) {
        this.gate = gate == null ? OriginateGate.OPEN : gate;
    }

    @Override
    public void handle(ClientSession session, AmiAction action) {
        String name = action.name().toLowerCase(Locale.ROOT);
        if (!session.isLoggedIn()) {
            switch (name) {
                case "login" -> login(session, action);
                case "challenge" -> challenge(session, action);
                case "logoff" -> logoff(session, action);
                default -> {
                    // trace 10-failed-login-action-before-login: refused, connection stays open
                    session.send(error(action, "Permission denied"));
                    broadcast.publish(events.requestNotAllowed(session.info(), action.name()));
                }
            }
            return;
        }
        switch (name) {
            case "login" -> session.send(AmiMessage.response("Success").actionId(action.actionId())
                    .header("Message", "Already authenticated").build());
            case "challenge" -> challenge(session, action);
            case "ping" -> ping(session, action);
            case "logoff" -> logoff(session, action);
            case "originate" -> originate(session, action);
            case "hangup" -> hangup(session, action);
            case "coreshowchannels" -> coreShowChannels(session, action);
            case "command" -> command(session, action);
            case "events" -> events(session, action);
            default -> {
                session.send(error(action, "Invalid/unknown command: " + action.name()
                        + ". Use Action: ListCommands to show available commands."));
                broadcast.publish(events.requestBadFormat(session.info(), session.account(), action.name()));
            }
        }
    }

    private void login(ClientSession session, AmiAction action) {
        String user = nullToEmpty(action.get("Username"));
        if (!user.equals(config.username())) {
            broadcast.publish(events.failedAuth("InvalidAccountID", session.info(), user));
            refuseLogin(session, action);
            return;
        }
        if (!secretMatches(session, action)) {
            broadcast.publish(events.failedAuth("InvalidPassword", session.info(), user));
            refuseLogin(session, action);
            return;
        }
        session.loggedIn(user, !"off".equalsIgnoreCase(nullToEmpty(action.get("Events")).strip()));
        session.send(AmiMessage.response("Success").actionId(action.actionId())
                .header("Message", "Authentication accepted").build());
        session.send(events.fullyBooted(boot.get().uptimeSeconds()));
        broadcast.publish(events.successfulAuth(session.info(), user));
    }

    /** Plain Secret, or the MD5 challenge-response asterisk-java uses: Key = md5hex(challenge + secret). */
    private boolean secretMatches(ClientSession session, AmiAction action) {
        if ("md5".equalsIgnoreCase(nullToEmpty(action.get("AuthType")).strip())) {
            String challenge = session.challenge();
            return challenge != null && md5Hex(challenge + config.secret())
                    .equalsIgnoreCase(nullToEmpty(action.get("Key")).strip());
        }
        return config.secret().equals(action.get("Secret"));
    }

    /** Asterisk answers a failed login after 1 s and closes the socket right after (trace 10). */
    private void refuseLogin(ClientSession session, AmiAction action) {
        sleepScaled(1000);
        session.send(error(action, "Authentication failed"));
        session.closeAfterFlush();
    }

    private void challenge(ClientSession session, AmiAction action) {
        if (!"md5".equalsIgnoreCase(nullToEmpty(action.get("AuthType")).strip())) {
            session.send(error(action, "Must specify AuthType"));
            return;
        }
        String challenge = Integer.toString(ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999));
        session.challenge(challenge);
        session.send(AmiMessage.response("Success").actionId(action.actionId())
                .header("Challenge", challenge).build());
    }

    private void ping(ClientSession session, AmiAction action) {
        long micros = System.currentTimeMillis() * 1000L;
        session.send(AmiMessage.response("Success").actionId(action.actionId())
                .header("Ping", "Pong")
                .header("Timestamp", String.format("%d.%06d", micros / 1_000_000L, micros % 1_000_000L))
                .build());
    }

    private void logoff(ClientSession session, AmiAction action) {
        session.send(AmiMessage.response("Goodbye").actionId(action.actionId())
                .header("Message", "Thanks for all the fish.").build());
        session.closeAfterFlush();
    }

    private void events(ClientSession session, AmiAction action) {
        boolean on = !"off".equalsIgnoreCase(nullToEmpty(action.get("EventMask")).strip());
        session.eventsOn(on);
        session.send(AmiMessage.response("Success").actionId(action.actionId())
                .header("Events", on ? "On" : "Off").build());
    }

    private void originate(ClientSession session, AmiAction action) {
        OriginateRequest.Parsed parsed = OriginateRequest.parse(action);
        if (parsed.error() != null) {
            session.send(error(action, parsed.error()));
            return;
        }
        OriginateRequest request = parsed.request();
        if (gate.onOriginate(request.channelId()) == OriginateGate.Decision.DROP) {
            return;
        }
        if (request.isLocal()) {
            // Only Local channels start a call here; anything else fails like "no such tech".
            ledger.accepted(request.channelId());
        }
        Pbx pbx = boot.get().pbx();
        if (request.async()) {
            session.send(queued(action));
            pbx.originate(request, null);
            return;
        }
        // Async: false blocks this session until answer or failure; its events follow the response (trace 15)
        session.holdEvents();
        try {
            CompletableFuture<Boolean> result = new CompletableFuture<>();
            pbx.originate(request, result::complete);
            long waitNanos = config.scaledNanos(request.timeoutMillis() + 5_000) + TimeUnit.SECONDS.toNanos(5);
            boolean answered = awaitResult(result, waitNanos);
            session.send(answered ? queued(action) : error(action, "Originate failed"));
        } finally {
            session.releaseEvents();
        }
    }

    private static boolean awaitResult(CompletableFuture<Boolean> result, long nanos) {
        try {
            return result.get(nanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void hangup(ClientSession session, AmiAction action) {
        String channelName = nullToEmpty(action.get("Channel")).strip();
        if (channelName.isEmpty()) {
            session.send(error(action, "No channel specified"));
            return;
        }
        Pbx pbx = boot.get().pbx();
        Channel channel = pbx.channel(channelName);
        if (channel == null) {
            session.send(error(action, "No such channel"));
            return;
        }
        int cause = parseCause(action.get("Cause"));
        session.send(AmiMessage.response("Success").actionId(action.actionId())
                .header("Message", "Channel Hungup").build());
        pbx.hangup(channel, cause);
    }

    private void coreShowChannels(ClientSession session, AmiAction action) {
        String id = action.actionId();
        session.send(AmiMessage.response("Success").actionId(id)
                .header("EventList", "start").header("Message", "Channels will follow").build());
        int items = 0;
        for (Call call : boot.get().pbx().calls()) {
            // rendered under the call's lock so each item is a consistent snapshot
            List<AmiMessage> rendered = call.withLock(() -> call.liveChannels().stream()
                    .map(c -> events.coreShowChannel(id, c, duration(c))).toList());
            rendered.forEach(session::send);
            items += rendered.size();
        }
        session.send(events.coreShowChannelsComplete(id, items));
    }

    /** Duration in script time, so a scaled-down simulator still reports the dialplan's seconds. */
    private String duration(Channel c) {
        long seconds = (long) ((System.nanoTime() - c.createdNanos) / 1e9 / config.timeScale());
        return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }

    /** Only what clients send on connect (asterisk-java's version probe); modern reply format (README 12). */
    private void command(ClientSession session, AmiAction action) {
        String command = nullToEmpty(action.get("Command")).strip();
        if (command.equals("core show version")) {
            session.send(AmiMessage.response("Success").actionId(action.actionId())
                    .header("Message", "Command output follows")
                    .header("Output", "Asterisk 22.10.1 built by pbx-sim on a x86_64 running Linux")
                    .build());
            return;
        }
        String first = command.contains(" ") ? command.substring(0, command.indexOf(' ')) : command;
        session.send(AmiMessage.response("Error").actionId(action.actionId())
                .header("Message", "Command output follows")
                .header("Output", "No such command '" + command + "' (type 'core show help " + first
                        + "' for other possible commands)")
                .build());
    }

    private void sleepScaled(long scriptMillis) {
        try {
            TimeUnit.NANOSECONDS.sleep(config.scaledNanos(scriptMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AmiMessage queued(AmiAction action) {
        return AmiMessage.response("Success").actionId(action.actionId())
                .header("Message", "Originate successfully queued").build();
    }

    private static AmiMessage error(AmiAction action, String message) {
        return AmiMessage.response("Error").actionId(action.actionId()).header("Message", message).build();
    }

    private static int parseCause(String value) {
        try {
            return value == null || value.isBlank() ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        }
    }
}
