package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.api.query.Page;
import io.localvpc.core.identity.IamInstanceProfile;
import io.localvpc.core.model.IamInstanceProfileAssociation;
import io.localvpc.core.ops.InstanceProfileAssociations;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Which instance profile an instance has: Associate, Disassociate, Replace and DescribeIamInstanceProfileAssociations. */
public final class InstanceProfileAssociationHandlers implements Ec2Family {

    @Override
    public void register(OperationRegistry r) {
        r.family("Instances")
                .write("AssociateIamInstanceProfile", this::associate)
                .write("DisassociateIamInstanceProfile", this::disassociate)
                .write("ReplaceIamInstanceProfileAssociation", this::replace)
                .read("DescribeIamInstanceProfileAssociations", this::describe);
    }

    private ObjectNode associate(Ec2Request in, Tx tx) {
        IamInstanceProfile p = profile(in, tx);
        return one(InstanceProfileAssociations.associate(tx, in.requireString("InstanceId"), p), IamInstanceProfileAssociation.ASSOCIATED);
    }

    private ObjectNode disassociate(Ec2Request in, Tx tx) {
        return one(InstanceProfileAssociations.disassociate(tx, in.requireString("AssociationId")), "disassociating");
    }

    private ObjectNode replace(Ec2Request in, Tx tx) {
        IamInstanceProfile p = profile(in, tx);
        return one(InstanceProfileAssociations.replace(tx, in.requireString("AssociationId"), p), IamInstanceProfileAssociation.ASSOCIATED);
    }

    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<IamInstanceProfileAssociation> filters = FilterSpec.<IamInstanceProfileAssociation>builder()
                .field("instance-id", IamInstanceProfileAssociation::instanceId)
                .field("state", a -> IamInstanceProfileAssociation.ASSOCIATED)
                .build();
        Predicate<IamInstanceProfileAssociation> filter = filters.compile(in.objects("Filters"), view);
        List<IamInstanceProfileAssociation> selected = new ArrayList<>();
        List<String> ids = in.strings("AssociationIds");
        if (!ids.isEmpty()) {
            for (String id : ids) {
                IamInstanceProfileAssociation a = InstanceProfileAssociations.require(view, id);
                if (filter.test(a)) selected.add(a);
            }
        } else {
            for (IamInstanceProfileAssociation a : view.all(IamInstanceProfileAssociation.class)) if (filter.test(a)) selected.add(a);
        }
        selected.sort((a, b) -> a.id().compareTo(b.id()));
        Page<IamInstanceProfileAssociation> page = Page.of(selected, in);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("IamInstanceProfileAssociations");
        for (IamInstanceProfileAssociation a : page.items()) items.add(render(a, IamInstanceProfileAssociation.ASSOCIATED));
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    private static IamInstanceProfile profile(Ec2Request in, Tx tx) {
        JsonNode spec = in.node("IamInstanceProfile");
        return InstanceProfileAssociations.resolve(in::viewOf, tx.scope().account(), spec.path("Arn").asText(null), spec.path("Name").asText(null));
    }

    private static ObjectNode one(IamInstanceProfileAssociation a, String state) {
        ObjectNode out = Json.object();
        out.set("IamInstanceProfileAssociation", render(a, state));
        return out;
    }

    private static ObjectNode render(IamInstanceProfileAssociation a, String state) {
        ObjectNode o = Json.object().put("AssociationId", a.id()).put("InstanceId", a.instanceId());
        o.putObject("IamInstanceProfile").put("Arn", a.profileArn()).put("Id", a.profileId());
        return o.put("State", state).put("Timestamp", Json.timestamp(a.associatedAt()));
    }
}
