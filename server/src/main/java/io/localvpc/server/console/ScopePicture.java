package io.localvpc.server.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.core.catalog.Region;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.catalog.Zone;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.core.state.View;

import java.util.Set;

/**
 * Everything the console draws for one account and region, from one snapshot: the region's zones (with the
 * zone faults in force) and each VPC as {@link VpcPicture} describes it.
 */
final class ScopePicture {
    private ScopePicture() {
    }

    static ObjectNode of(View view, Set<String> downZoneIds) {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("account", view.scope().account());
        o.put("region", view.scope().region());
        Region region = Regions.require(view.scope().region());
        ArrayNode zones = o.putArray("zones");
        for (Zone z : region.zones()) zones.addObject().put("name", z.name()).put("id", z.id()).put("down", downZoneIds.contains(z.id()));
        ArrayNode vpcs = o.putArray("vpcs");
        for (Vpc vpc : view.all(Vpc.class)) vpcs.add(VpcPicture.of(view, region, vpc, downZoneIds));
        return o;
    }
}
