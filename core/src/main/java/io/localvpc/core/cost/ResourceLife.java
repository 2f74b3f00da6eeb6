package io.localvpc.core.cost;

import java.time.Instant;

/**
 * A billed-by-the-hour resource's life: an interface endpoint (per zone), a gateway endpoint (free) or a NAT gateway.
 *
 * @param zones   how many zones it is in (an interface endpoint's subnets; 1 for a NAT gateway)
 * @param endedAt when deletion was asked for; null while it lives
 */
public record ResourceLife(String account, String region, String id, String kind, String vpcId, String service, int zones,
                           Instant createdAt, Instant endedAt) {

    /** Hours billed by {@code now}: whole hours, a started one counted in full, at least one. */
    public long billedHours(Instant now) {
        Instant end = endedAt != null && endedAt.isBefore(now) ? endedAt : now;
        long seconds = Math.max(0, end.getEpochSecond() - createdAt.getEpochSecond());
        return Math.max(1, (seconds + 3599) / 3600);
    }
}
