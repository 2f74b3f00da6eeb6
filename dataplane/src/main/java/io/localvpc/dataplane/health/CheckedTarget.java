package io.localvpc.dataplane.health;

import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.path.TargetHealthBook.TargetKey;

/**
 * One target the checker probes: which group and target (its key in the health book), from which load balancer node
 * (its network interface) to which address and port, with the group's settings.
 */
record CheckedTarget(TargetKey key, String nodeInterfaceId, String address, int port, TargetGroup.HealthCheck settings) {
}
