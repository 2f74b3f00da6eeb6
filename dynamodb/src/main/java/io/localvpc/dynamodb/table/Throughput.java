package io.localvpc.dynamodb.table;

/**
 * Provisioned throughput as DynamoDB describes it: capacity units, when they were last raised or lowered (epoch
 * millis, 0 for never) and how many decreases today. localvpc stores the numbers and never throttles.
 */
public record Throughput(long read, long write, long lastIncrease, long lastDecrease, long decreasesToday) {
    public static final Throughput ON_DEMAND = new Throughput(0, 0, 0, 0, 0);

    public Throughput changedTo(long newRead, long newWrite, long now) {
        boolean up = newRead > read || newWrite > write;
        boolean down = newRead < read || newWrite < write;
        return new Throughput(newRead, newWrite, up ? now : lastIncrease, down ? now : lastDecrease, decreasesToday + (down ? 1 : 0));
    }
}
