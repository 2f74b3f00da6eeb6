package io.localvpc.dataplane.vpc;

import io.localvpc.core.path.Flow;
import io.localvpc.core.path.Target;
import io.localvpc.core.state.Scope;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where on this machine a delivered flow's bytes go: the listener that plays the AWS service behind an
 * endpoint (or the public path). Empty when nothing plays that service here.
 */
public interface ServiceRouter {
    Optional<InetSocketAddress> route(Scope scope, Flow flow, Target.AwsService target);
}
