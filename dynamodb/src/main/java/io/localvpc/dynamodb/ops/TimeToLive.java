package io.localvpc.dynamodb.ops;

import io.localvpc.dynamodb.table.StoredItem;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.table.TableDefinition;
import io.localvpc.dynamodb.value.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deletes expired items of tables with TTL enabled, as DynamoDB's background process does: an item expires when its
 * TTL attribute is a number of epoch seconds in the past, but not more than five years in the past (DynamoDB ignores
 * those). Like DynamoDB's, the deletion comes some time after expiry; until then the item is still read.
 */
public final class TimeToLive {
    private static final long FIVE_YEARS_SECONDS = 5L * 365 * 24 * 3600;

    private TimeToLive() {
    }

    /** Deletes every item expired now; answers how many. */
    public static int expire(Database db) {
        long now = db.clock().millis() / 1000;
        int deleted = 0;
        for (Table t : db.allTables()) {
            TableDefinition d = t.definition();
            if (!d.ttlEnabled()) continue;
            List<Map<String, AttributeValue>> expired = new ArrayList<>();
            for (StoredItem item : t.rows(null).values()) {
                if (item.attributes().get(d.ttlAttribute()) instanceof AttributeValue.N n && isExpired(n.value(), now)) {
                    expired.add(d.keys().keyOf(item.attributes()));
                }
            }
            for (Map<String, AttributeValue> key : expired) {
                // checked again under the lock: the item or the TTL setting may have changed since the read
                deleted += db.change(() -> {
                    if (!db.isCurrent(t)) return 0;
                    StoredItem current = t.get(key);
                    TableDefinition latest = t.definition();
                    if (current == null || !latest.ttlEnabled() || !(current.attributes().get(latest.ttlAttribute()) instanceof AttributeValue.N n)
                            || !isExpired(n.value(), now)) {
                        return 0;
                    }
                    db.write(List.of(new Database.Change(t, key, null)));
                    return 1;
                });
            }
        }
        return deleted;
    }

    private static boolean isExpired(BigDecimal expiry, long now) {
        return expiry.compareTo(BigDecimal.valueOf(now)) < 0 && expiry.compareTo(BigDecimal.valueOf(now - FIVE_YEARS_SECONDS)) >= 0;
    }
}
