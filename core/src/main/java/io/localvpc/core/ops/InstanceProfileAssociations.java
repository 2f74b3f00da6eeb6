package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.identity.IamInstanceProfile;
import io.localvpc.core.identity.IamInstanceProfiles;
import io.localvpc.core.identity.IamScope;
import io.localvpc.core.model.IamInstanceProfileAssociation;
import io.localvpc.core.model.Instance;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.Optional;
import java.util.function.Function;

/**
 * Which instance profile (and so which role) an instance has: RunInstances' IamInstanceProfile and the association
 * calls. The profile is looked up in the account's IAM scope; one association per instance, as on AWS.
 */
public final class InstanceProfileAssociations {
    private InstanceProfileAssociations() {
    }

    /** The profile a specification names ({@code Arn} or {@code Name}), refused as EC2 refuses an unknown one. */
    public static IamInstanceProfile resolve(Function<Scope, View> views, String account, String arn, String name) {
        View iam = views.apply(IamScope.of(account));
        if (arn != null && !arn.isEmpty()) {
            return IamInstanceProfiles.findByArn(iam, arn).orElseThrow(() -> AwsException.invalidParameterValue(
                    "Value (" + arn + ") for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN"));
        }
        if (name != null && !name.isEmpty()) {
            return IamInstanceProfiles.find(iam, name).orElseThrow(() -> AwsException.invalidParameterValue(
                    "Value (" + name + ") for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name"));
        }
        throw AwsException.missingParameter("IamInstanceProfile.Arn or IamInstanceProfile.Name");
    }

    public static IamInstanceProfileAssociation associate(Tx tx, String instanceId, IamInstanceProfile profile) {
        Instance i = InstanceOps.require(tx, instanceId);
        Instance.State state = i.stateAt(tx.now());
        if (state == Instance.State.SHUTTING_DOWN || state == Instance.State.TERMINATED) {
            throw new AwsException("IncorrectInstanceState", "The instance '" + instanceId + "' is not in a valid state for this operation.");
        }
        if (of(tx, instanceId).isPresent()) {
            throw new AwsException("IncorrectState", "There is an existing association for instance " + instanceId);
        }
        return tx.put(new IamInstanceProfileAssociation(tx.newId("iip-assoc"), instanceId, profile.arn(), profile.id(), tx.now()));
    }

    public static Optional<IamInstanceProfileAssociation> of(View view, String instanceId) {
        for (IamInstanceProfileAssociation a : view.all(IamInstanceProfileAssociation.class)) {
            if (a.instanceId().equals(instanceId)) return Optional.of(a);
        }
        return Optional.empty();
    }

    public static IamInstanceProfileAssociation require(View view, String associationId) {
        return view.find(IamInstanceProfileAssociation.class, associationId).orElseThrow(() -> new AwsException("InvalidAssociationID.NotFound",
                "An association with ID " + associationId + " does not exist."));
    }

    public static IamInstanceProfileAssociation disassociate(Tx tx, String associationId) {
        IamInstanceProfileAssociation a = require(tx, associationId);
        tx.remove(IamInstanceProfileAssociation.class, a.id());
        return a;
    }

    public static IamInstanceProfileAssociation replace(Tx tx, String associationId, IamInstanceProfile profile) {
        IamInstanceProfileAssociation a = require(tx, associationId);
        tx.remove(IamInstanceProfileAssociation.class, a.id());
        return tx.put(new IamInstanceProfileAssociation(tx.newId("iip-assoc"), a.instanceId(), profile.arn(), profile.id(), tx.now()));
    }

    /** Terminated instances lose their association, as on AWS. */
    public static void forgetTerminated(Tx tx, String instanceId) {
        of(tx, instanceId).ifPresent(a -> tx.remove(IamInstanceProfileAssociation.class, a.id()));
    }
}
