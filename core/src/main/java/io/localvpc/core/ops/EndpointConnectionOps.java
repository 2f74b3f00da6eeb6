package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.catalog.EndpointService;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.model.VpcEndpoint.ServiceConnection;
import io.localvpc.core.model.VpcEndpointConnectionNotification;
import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The connections between consumers' interface endpoints and a provider's endpoint service: the service as a consumer's
 * endpoint sees it, the provider's Accept and Reject, and the events they cause with the notifications that hear of them.
 */
public final class EndpointConnectionOps {
    private EndpointConnectionOps() {
    }

    /**
     * A provider's service as an interface endpoint uses it (its zones, its DNS label, its private DNS name once
     * verified), so that consumer endpoints are made by the same code as endpoints of AWS services. Endpoint policies
     * are not supported on these services, as on AWS.
     */
    public static EndpointService asEndpointService(VpcEndpointServiceConfiguration c, String region) {
        List<String> privateNames = c.privateDnsName() != null && "verified".equals(c.privateDnsState()) ? List.of(c.privateDnsName()) : List.of();
        return new EndpointService(c.serviceName(), c.id(), region, c.id(), Set.of("Interface"), privateNames, c.availabilityZones(), false,
                c.acceptanceRequired());
    }

    /** The connection a new endpoint to this service starts with. */
    public static ServiceConnection newConnection(VpcEndpointServiceConfiguration c, Instant now) {
        return new ServiceConnection(c.id(), c.ownerId(), c.acceptanceRequired() ? ServiceConnection.PENDING_ACCEPTANCE : ServiceConnection.ACCEPTED, now);
    }

    /**
     * Accepts or rejects connections to the caller's service. The endpoints live in their owners' scopes:
     * {@code writeIn} runs a change in the endpoint's scope (the caller's own transaction when it is the same scope).
     * Everything is checked before anything is written. Returns the failures and, through {@code events}, what happened.
     */
    public static List<UnsuccessfulItem> decide(Tx tx, String serviceId, List<String> endpointIds, boolean accept, ProviderEndpointServices directory,
                                       BiFunction<Scope, Function<Tx, VpcEndpoint>, VpcEndpoint> writeIn, List<EndpointConnectionEvent> events) {
        VpcEndpointServiceConfiguration c = EndpointServiceConfigOps.require(tx, serviceId);
        if (endpointIds.isEmpty()) throw AwsException.missingParameter("VpcEndpointId.1");
        ProviderEndpointServices seen = directory.seenFrom(tx);
        List<ProviderEndpointServices.Connection> connections = seen.connectionsTo(tx.scope().region(), c.serviceName());
        List<UnsuccessfulItem> failures = new ArrayList<>();
        List<ProviderEndpointServices.Connection> toChange = new ArrayList<>();
        for (String id : new LinkedHashSet<>(endpointIds)) {
            ProviderEndpointServices.Connection conn = connections.stream().filter(x -> x.endpoint().id().equals(id)).findFirst().orElse(null);
            if (conn == null) {
                failures.add(new UnsuccessfulItem(id, "InvalidVpcEndpoint.NotFound", "The Vpc Endpoint Id '" + id + "' does not exist or is not connected to " + c.id()));
                continue;
            }
            VpcEndpoint.State state = conn.endpoint().state(tx.now());
            boolean allowed = accept ? state == VpcEndpoint.State.PENDING_ACCEPTANCE
                    : state == VpcEndpoint.State.PENDING_ACCEPTANCE || state == VpcEndpoint.State.PENDING || state == VpcEndpoint.State.AVAILABLE
                    || state == VpcEndpoint.State.REJECTED;
            if (!allowed) {
                failures.add(new UnsuccessfulItem(id, "IncorrectState", "The VPC endpoint " + id + " is " + state + "; "
                        + (accept ? "only an endpoint in pendingAcceptance can be accepted." : "a " + state + " endpoint cannot be rejected.")));
                continue;
            }
            if (!accept && state == VpcEndpoint.State.REJECTED) continue; // rejecting again changes nothing
            toChange.add(conn);
        }
        Instant now = tx.now();
        for (ProviderEndpointServices.Connection conn : toChange) {
            VpcEndpoint changed = writeIn.apply(conn.consumer(), consumerTx -> {
                VpcEndpoint e = consumerTx.find(VpcEndpoint.class, conn.endpoint().id()).orElseThrow();
                ServiceConnection next = e.connection().decided(accept ? ServiceConnection.ACCEPTED : ServiceConnection.REJECTED, now);
                return consumerTx.put(e.withConnection(next, accept ? now.plus(EndpointProvisioning.delay()) : e.availableAt()));
            });
            events.add(event(tx, seen, accept ? "Accept" : "Reject", c, conn.consumer(), changed));
        }
        return failures;
    }

    /**
     * The event {@code name} of an endpoint to a service, with the notifications that asked for it: the provider's (by
     * service) and the consumer's (by endpoint). {@code view} reads one of the two scopes; the other is read through
     * {@code directory}.
     */
    public static EndpointConnectionEvent event(View view, ProviderEndpointServices directory, String name, VpcEndpointServiceConfiguration c,
                                                Scope consumer, VpcEndpoint e) {
        List<EndpointConnectionEvent.Topic> topics = new ArrayList<>();
        Scope provider = new Scope(c.ownerId(), consumer.region());
        directory.seenFrom(view).byId(provider.region(), c.id()).ifPresent(found -> {
            for (VpcEndpointConnectionNotification n : found.view().all(VpcEndpointConnectionNotification.class)) {
                if (c.id().equals(n.serviceId()) && n.events().contains(name)) topics.add(new EndpointConnectionEvent.Topic(n.id(), n.topicArn(), provider));
            }
        });
        View consumerView = consumer.equals(view.scope()) ? view : null;
        if (consumerView == null) {
            // read the consumer's notifications from its published snapshot
            consumerView = directory.seenFrom(view).viewOf(consumer).orElse(null);
        }
        if (consumerView != null) {
            for (VpcEndpointConnectionNotification n : consumerView.all(VpcEndpointConnectionNotification.class)) {
                if (e.id().equals(n.vpcEndpointId()) && n.events().contains(name)) topics.add(new EndpointConnectionEvent.Topic(n.id(), n.topicArn(), consumer));
            }
        }
        return new EndpointConnectionEvent(view.now(), name, consumer.region(), c.id(), c.ownerId(), e.id(), e.ownerId(),
                e.state(view.now()).awsName(), topics);
    }
}
