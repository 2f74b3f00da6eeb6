package io.localvpc.dynamodb;

import io.localvpc.dynamodb.ops.Database;
import io.localvpc.dynamodb.ops.TimeToLive;
import io.localvpc.dynamodb.store.SqliteTableStore;
import io.localvpc.dynamodb.store.TableStore;
import io.localvpc.dynamodb.wire.DynamoDbHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * localvpc's own DynamoDB: its tables and items, in memory or kept in {@code dynamodb.sqlite} under a data
 * directory, served through {@link #handler()} (DynamoDB's JSON protocol, any transport). Expired items (TTL) are
 * deleted by a background sweep every {@code ttlSweep}.
 */
public final class DynamoDbService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DynamoDbService.class.getName());

    private final Database db;
    private final DynamoDbHandler handler;
    private final ScheduledExecutorService sweeper;

    private DynamoDbService(TableStore store, Clock clock, Duration ttlSweep) {
        this.db = Database.open(store, clock);
        this.handler = DynamoDbHandler.of(db);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynamodb-ttl");
            t.setDaemon(true);
            return t;
        });
        long period = ttlSweep.toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    public static DynamoDbService inMemory(Clock clock, Duration ttlSweep) {
        return new DynamoDbService(TableStore.none(), clock, ttlSweep);
    }

    /** Keeps tables and items in {@code directory/dynamodb.sqlite}; {@code fsyncEachCommit} to survive power loss too. */
    public static DynamoDbService durable(Path directory, boolean fsyncEachCommit, Clock clock, Duration ttlSweep) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the DynamoDB directory " + directory, e);
        }
        return new DynamoDbService(new SqliteTableStore(directory.resolve("dynamodb.sqlite"), fsyncEachCommit), clock, ttlSweep);
    }

    public DynamoDbHandler handler() {
        return handler;
    }

    /**
     * The partition key attribute of a table, or of one of its indexes when {@code index} is not null; empty when
     * the table (or index) does not exist in the scope. Reads the table list without waiting (what a policy check
     * on an event loop asks, for {@code dynamodb:LeadingKeys}).
     */
    public java.util.Optional<String> partitionKey(DynamoDbScope scope, String table, String index) {
        io.localvpc.dynamodb.table.Table t = db.table(scope, table);
        if (t == null) return java.util.Optional.empty();
        io.localvpc.dynamodb.table.TableDefinition d = t.definition();
        if (index == null) return java.util.Optional.of(d.keys().hashName());
        io.localvpc.dynamodb.table.SecondaryIndex i = d.index(index);
        return i == null ? java.util.Optional.empty() : java.util.Optional.of(i.keys().hashName());
    }

    /** Deletes the items whose TTL has passed, now rather than at the next sweep; answers how many. */
    public int expireItems() {
        return TimeToLive.expire(db);
    }

    private void sweep() {
        try {
            int n = TimeToLive.expire(db);
            if (n > 0) LOG.fine("DynamoDB TTL deleted " + n + " expired items");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "DynamoDB TTL sweep failed: " + e, e);
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        try {
            sweeper.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
