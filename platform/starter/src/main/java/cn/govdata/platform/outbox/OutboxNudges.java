package cn.govdata.platform.outbox;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the relay, the moment the store confirms it, that a write of this process put messages in
 * an outbox: the write itself is the signal, so no writer has to remember to call anything and the
 * relay need not poll often to be prompt. Writes of other replicas are not seen here; the relay's
 * idle poll finds those.
 */
public final class OutboxNudges implements CommandListener {

    private final Set<Integer> outboxWrites = ConcurrentHashMap.newKeySet();
    private volatile Runnable relay = () -> { };

    void wake(Runnable relay) {
        this.relay = relay;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (carriesOutboxMessages(event.getCommandName(), event.getCommand())) {
            outboxWrites.add(event.getRequestId());
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        if (outboxWrites.remove(event.getRequestId())) {
            relay.run();
        }
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        outboxWrites.remove(event.getRequestId());
    }

    static boolean carriesOutboxMessages(String name, BsonDocument command) {
        return switch (name) {
            case "insert" -> command.containsKey("documents")
                    && command.getArray("documents").stream().anyMatch(d -> hasMessages(d.asDocument()));
            case "update" -> command.containsKey("updates")
                    && command.getArray("updates").stream().anyMatch(u -> pushesMessages(u.asDocument().get("u")));
            case "findAndModify", "findandmodify" -> pushesMessages(command.get("update"));
            default -> false;
        };
    }

    private static boolean pushesMessages(BsonValue update) {
        if (update == null || !update.isDocument()) {
            return false;
        }
        BsonDocument document = update.asDocument();
        if (document.containsKey("$push")) {
            return document.getDocument("$push").containsKey("outbox");
        }
        return hasMessages(document); // a replacement (load, append, save)
    }

    private static boolean hasMessages(BsonDocument document) {
        BsonValue outbox = document.get("outbox");
        return outbox != null && outbox.isArray() && !outbox.asArray().isEmpty();
    }
}
